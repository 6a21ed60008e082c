package dev.shop.common.json;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Answers in gzip and back. A list page kept by the product service is kept compressed (about an
 * eighth of its bytes) and sent as it is to the clients that take gzip; the others get it
 * decompressed.
 */
public final class Gzip {

  /** The content coding's name, in {@code Content-Encoding} and in the bus's headers. */
  public static final String ENCODING = "gzip";

  private Gzip() {
  }

  public static Buffer compress(Buffer bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length() / 4));
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory does not fail
    }
    return Buffer.buffer(out.toByteArray());
  }

  public static Buffer decompress(Buffer compressed) {
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed.getBytes()))) {
      return Buffer.buffer(gzip.readAllBytes());
    } catch (IOException e) {
      throw new IllegalArgumentException("Not gzip data", e);
    }
  }
}
