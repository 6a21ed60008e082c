package dev.shop.product.category;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * A category of the catalogue tree: its id, its parent's, and its answer, the contract's
 * CategoryResponse without {@code parent} and {@code children}, as PostgreSQL writes it at each
 * write of the row (V6; products embed the same text).
 */
public record Category(UUID id, UUID parentId, String response) {

  static final String COLUMNS = "id, parent_id, response";

  /** The category of a row whose first columns are {@link #COLUMNS}. */
  static Category from(Row row) {
    return new Category(row.getUUID(0), row.getUUID(1), row.getString(2));
  }

  public JsonObject toResponse() {
    return new JsonObject(response);
  }
}
