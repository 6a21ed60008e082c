package dev.shop.product.product;

import dev.shop.common.json.Timestamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A product just written: what its events carry, and its answer, the contract's ProductResponse
 * with its category embedded, as the JSON bytes PostgreSQL writes (V6).
 */
record Product(UUID id, String sku, String name, String slug, long priceInt, UUID categoryId,
    OffsetDateTime updatedAt, Buffer response) {

  /**
   * The answer of product row {@code p} and its category row {@code c} (of a left join: null when
   * the product has none), as {@code bytea}.
   */
  static final String ANSWER = "product_answer(p.response_head, c.response)";
  /** The columns {@link #from} reads, in its order. */
  static final String COLUMNS = "p.id, p.sku, p.name, p.slug, p.price_int, p.category_id, p.updated_at, " + ANSWER;
  /** {@code products p} with its category. */
  static final String FROM = "products p LEFT JOIN categories c ON c.id = p.category_id";

  /** The product of a row whose columns are {@link #COLUMNS}. */
  static Product from(Row row) {
    return new Product(row.getUUID(0), row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
        row.getUUID(5), row.getOffsetDateTime(6), row.getBuffer(7));
  }

  /** The payload of {@code product.created} and {@code product.updated} (docs/events.md). */
  JsonObject toEvent() {
    return new JsonObject()
        .put("productId", id.toString())
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("priceInt", priceInt)
        .put("categoryId", categoryId == null ? null : categoryId.toString())
        .put("updatedAt", Timestamps.format(updatedAt));
  }
}
