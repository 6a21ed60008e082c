package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** {@code product.getByIds}: {@code {ids:[id...]}}, at most {@link #MAX_IDS} (else 400). */
public record ProductsByIdsRequest(List<UUID> ids) {

  /** The most ids one request may carry. */
  public static final int MAX_IDS = 200;

  public ProductsByIdsRequest {
    ids = List.copyOf(ids);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ids", JsonFields.array(ids, UUID::toString));
  }

  public static ProductsByIdsRequest fromJson(JsonObject json) {
    return new ProductsByIdsRequest(JsonFields.strings(json, "ids").stream().map(UUID::fromString).toList());
  }
}
