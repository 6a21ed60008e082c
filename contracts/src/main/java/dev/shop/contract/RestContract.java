package dev.shop.contract;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The REST contract, {@code openapi/openapi.json} on the class path: what the gateway serves at
 * {@code GET /openapi.json} and where the services take their request bodies' schemas from.
 */
public final class RestContract {

  public static final String RESOURCE = "openapi/openapi.json";

  private RestContract() {
  }

  /** The document, read once per JVM; shared, so not to be changed. */
  public static JsonObject document() {
    return Holder.DOCUMENT;
  }

  private static final class Holder {
    private static final JsonObject DOCUMENT = read();

    private static JsonObject read() {
      try (InputStream in = RestContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the class path");
        }
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
