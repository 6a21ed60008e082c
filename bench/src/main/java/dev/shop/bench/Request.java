package dev.shop.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.function.IntConsumer;

/**
 * One HTTP request of a virtual user. {@code authorization} is the whole header value (made once
 * per user, not per request); {@code onStatus}, when set, learns the status of the answer.
 */
record Request(HttpMethod method, String uri, Buffer body, String authorization, IntConsumer onStatus) {

  static Request get(String uri) {
    return new Request(HttpMethod.GET, uri, null, null, null);
  }

  static Request post(String uri, Buffer body, String authorization) {
    return new Request(HttpMethod.POST, uri, body, authorization, null);
  }

  Request withOnStatus(IntConsumer listener) {
    return new Request(method, uri, body, authorization, listener);
  }
}
