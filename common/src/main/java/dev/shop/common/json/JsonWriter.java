package dev.shop.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * JSON written straight to bytes with Jackson's streaming generator, for answers on hot paths (a
 * page of a list): no JsonObject of maps is built only to be walked and encoded.
 * What it writes is what encoding the equivalent JsonObject writes (same field order, nulls kept).
 */
public final class JsonWriter {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int SCRATCH_BYTES = 16 * 1024;
  /** A thread keeps its scratch up to this size; a larger answer's is let go after it. */
  private static final int SCRATCH_KEPT_BYTES = 1024 * 1024;
  /**
   * Each thread's bytes to write an answer into, then copied once into a buffer of its exact size
   * (a buffer grown as the generator flushes into it was reallocated five times for a page).
   */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Writes one JSON value to the generator it is given. */
  @FunctionalInterface
  public interface Content {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonWriter() {
  }

  public static Buffer write(Content content) {
    Scratch scratch = SCRATCH.get();
    // An answer written while another is being written (inside its content) gets its own scratch.
    Scratch target = scratch.inUse ? new Scratch() : scratch;
    target.inUse = true;
    target.size = 0;
    try (JsonGenerator json = FACTORY.createGenerator(target)) {
      content.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      target.inUse = false;
    }
    Buffer out = Buffer.buffer(target.size).appendBytes(target.bytes, 0, target.size);
    if (target.bytes.length > SCRATCH_KEPT_BYTES) {
      target.bytes = new byte[SCRATCH_BYTES];
    }
    return out;
  }

  /** Bytes written by the generator, grown as needed. */
  private static final class Scratch extends OutputStream {

    private byte[] bytes = new byte[SCRATCH_BYTES];
    private int size;
    private boolean inUse;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
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
