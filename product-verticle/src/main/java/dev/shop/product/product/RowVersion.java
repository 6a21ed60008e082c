package dev.shop.product.product;

import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * Which version of a product's row, and of its category's, a read saw: PostgreSQL's {@code xmin},
 * the transaction that wrote that row version. Any change of the product (a checkout's stock
 * included) or of its category makes a new one, so an encoding kept with its row version is the
 * product as it is now for as long as the row version is the same.
 */
record RowVersion(UUID id, String product, String category) {

  /** Of {@code products p LEFT JOIN categories c}. */
  static final String COLUMNS = "p.xmin::text AS product_row_version, c.xmin::text AS category_row_version";

  static RowVersion from(Row row) {
    return new RowVersion(row.getUUID("id"), row.getString("product_row_version"),
        row.getString("category_row_version"));
  }

  /** A product as read, with its row version. */
  record Read(RowVersion version, Product product) {
  }
}
