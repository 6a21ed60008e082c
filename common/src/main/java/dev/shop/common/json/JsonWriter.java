package dev.shop.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * JSON written straight to bytes with Jackson's streaming generator, for answers on hot paths (a
 * product page is twenty products): no JsonObject of maps is built only to be walked and encoded.
 * What it writes is what encoding the equivalent JsonObject writes (same field order, nulls kept).
 */
public final class JsonWriter {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int INITIAL_BYTES = 1024;

  /** Writes one JSON value to the generator it is given. */
  @FunctionalInterface
  public interface Content {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonWriter() {
  }

  public static Buffer write(Content content) {
    Buffer out = Buffer.buffer(INITIAL_BYTES);
    try (JsonGenerator json = FACTORY.createGenerator(new OutputStream() {
      @Override
      public void write(int b) {
        out.appendByte((byte) b);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        out.appendBytes(bytes, offset, length);
      }
    })) {
      content.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A Vert.x JSON value (JsonObject, JsonArray, string, number, boolean) or null, as Vert.x encodes it. */
  public static void value(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else {
      JacksonCodec.encodeJson(value, json);
    }
  }
}
