package dev.shop.common.bus;

import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A request as a service handler sees it.
 *
 * @param body the JSON object sent; never null (an empty object when nothing was sent)
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 * @param acceptsGzip whether the caller takes an answer in gzip ({@link BusReply#okGzipped})
 */
public record BusRequest(String subject, JsonObject body, Caller caller, String requestId,
    String idempotencyKey, boolean acceptsGzip) {

  public BusRequest(String subject, JsonObject body, Caller caller, String requestId, String idempotencyKey) {
    this(subject, body, caller, requestId, idempotencyKey, false);
  }

  /**
   * The id in the body's {@code id} field. An absent or malformed id can only name nothing, so it
   * is 404 "{@code <resource> not found}", like an unknown one.
   */
  public UUID id(String resource) {
    return Ids.parse(body.getValue("id")).orElseThrow(() -> ShopException.notFound(resource + " not found"));
  }
}
