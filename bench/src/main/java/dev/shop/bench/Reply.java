package dev.shop.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** A whole answer, for the set-up calls that read what they get back. */
record Reply(int status, Buffer body) {

  JsonObject json() {
    return body.toJsonObject();
  }

  boolean is(int expected) {
    return status == expected;
  }

  IllegalStateException unexpected(String what) {
    return new IllegalStateException(what + " answered " + status + ": " + body);
  }
}
