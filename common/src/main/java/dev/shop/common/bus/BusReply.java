package dev.shop.common.bus;

import dev.shop.common.json.Gzip;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A successful answer: a JSON object or array, and the HTTP status it stands for at the gateway.
 * A reply made by a handler holds its JSON (or the bytes it wrote); a reply received from the bus
 * holds its bytes and decodes them only if asked, so the gateway, which passes answers through,
 * never parses them. Its bytes may be in gzip ({@link #okGzipped}), only for a caller that said it
 * accepts that.
 */
public final class BusReply {

  private final int status;
  private final boolean gzipped;
  private Object body;
  private Buffer encoded;

  private BusReply(int status, Object body, Buffer encoded, boolean gzipped) {
    this.status = status;
    this.body = body;
    this.encoded = encoded;
    this.gzipped = gzipped;
  }

  /** A reply of {@code body}, a JSON object or array. */
  public BusReply(int status, Object body) {
    this(status, requireJson(body), null, false);
  }

  /** A reply as it travelled: its JSON bytes (an empty body stands for {@code {}}), in gzip or not. */
  public static BusReply received(int status, Buffer encoded, boolean gzipped) {
    return new BusReply(status, null, encoded == null || encoded.length() == 0 ? new JsonObject().toBuffer() : encoded,
        gzipped && encoded != null && encoded.length() > 0);
  }

  private static Object requireJson(Object body) {
    if (!(body instanceof JsonObject) && !(body instanceof JsonArray)) {
      throw new IllegalArgumentException("A reply body is a JSON object or array");
    }
    return body;
  }

  public static BusReply ok(Object body) {
    return new BusReply(200, body);
  }

  public static BusReply created(Object body) {
    return new BusReply(201, body);
  }

  /** A 200 reply of JSON the handler wrote itself ({@code JsonWriter}): it travels as it is. */
  public static BusReply okJson(Buffer json) {
    return new BusReply(200, null, json, false);
  }

  /**
   * A 200 reply of JSON in gzip, for a request that {@linkplain BusRequest#acceptsGzip accepts it};
   * it travels and is answered as it is ({@code Content-Encoding: gzip}).
   */
  public static BusReply okGzipped(Buffer gzippedJson) {
    return new BusReply(200, null, gzippedJson, true);
  }

  /** A 201 reply of JSON the handler wrote itself. */
  public static BusReply createdJson(Buffer json) {
    return new BusReply(201, null, json, false);
  }

  public static BusReply success() {
    return ok(new JsonObject().put("success", true));
  }

  public int status() {
    return status;
  }

  /** Whether {@link #encodedBody} is in gzip. */
  public boolean gzipped() {
    return gzipped;
  }

  /** The body as it travels and as the gateway answers it: JSON bytes, in gzip when {@link #gzipped}. */
  public Buffer encodedBody() {
    if (encoded == null) {
      encoded = body instanceof JsonObject object ? object.toBuffer() : ((JsonArray) body).toBuffer();
    }
    return encoded;
  }

  /** The body as JSON: a {@code JsonObject} or a {@code JsonArray}. */
  public Object body() {
    if (body == null) {
      body = requireJson(Json.decodeValue(gzipped ? Gzip.decompress(encoded) : encoded));
    }
    return body;
  }

  public JsonObject bodyAsObject() {
    return (JsonObject) body();
  }

  public JsonArray bodyAsArray() {
    return (JsonArray) body();
  }
}
