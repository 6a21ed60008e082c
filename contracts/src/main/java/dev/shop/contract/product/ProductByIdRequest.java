package dev.shop.contract.product;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** {@code product.getById}: {@code {id}}. */
public record ProductByIdRequest(UUID id) {

  public JsonObject toJson() {
    return new JsonObject().put("id", JsonFields.text(id));
  }

  public static ProductByIdRequest fromJson(JsonObject json) {
    return new ProductByIdRequest(JsonFields.id(json, "id"));
  }
}
