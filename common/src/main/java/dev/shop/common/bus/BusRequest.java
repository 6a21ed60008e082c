package dev.shop.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * A request as a service handler sees it.
 *
 * @param body the JSON object sent; never null (an empty object when nothing was sent)
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 */
public record BusRequest(String subject, JsonObject body, Caller caller, String requestId,
    String idempotencyKey) {
}
