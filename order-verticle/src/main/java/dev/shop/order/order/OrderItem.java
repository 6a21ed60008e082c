package dev.shop.order.order;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A line of an order: the quantity, the unit price charged and the product as it was sold. */
public record OrderItem(UUID id, UUID orderId, UUID productId, int quantity, long priceInt, String sku, String name,
    String slug, List<String> imageUrls, OffsetDateTime createdAt) {

  /** The columns of a line, in the order {@link #toTuple} writes them. */
  static final String COLUMNS = "id, order_id, product_id, quantity, price_int, product_sku, product_name, "
      + "product_slug, product_image_urls, created_at";

  static OrderItem from(Row row) {
    String[] images = row.getArrayOfStrings("product_image_urls");
    return new OrderItem(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("product_id"),
        row.getInteger("quantity"), row.getLong("price_int"), row.getString("product_sku"),
        row.getString("product_name"), row.getString("product_slug"), images == null ? List.of() : List.of(images),
        row.getOffsetDateTime("created_at"));
  }

  /** This line as written, at {@code createdAt}. */
  OrderItem writtenAt(OffsetDateTime createdAt) {
    return new OrderItem(id, orderId, productId, quantity, priceInt, sku, name, slug, imageUrls, createdAt);
  }

  /** The parameters of an insert of {@link #COLUMNS}, the line written at {@code writtenAt} (its order's time). */
  Tuple toTuple(OffsetDateTime writtenAt) {
    return Tuple.from(new Object[] {id, orderId, productId, quantity, priceInt, sku, name, slug,
        imageUrls.toArray(String[]::new), writtenAt});
  }

  long lineTotal() {
    return priceInt * quantity;
  }

  /** A line as order events carry it. */
  JsonObject toEvent() {
    return new JsonObject()
        .put("productId", productId.toString())
        .put("sku", sku)
        .put("name", name)
        .put("quantity", quantity)
        .put("priceInt", priceInt);
  }

  JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("orderId", orderId.toString())
        .put("productId", productId.toString())
        .put("quantity", quantity)
        .put("priceInt", priceInt)
        .put("createdAt", Timestamps.format(createdAt))
        .put("product", new JsonObject()
            .put("id", productId.toString())
            .put("sku", sku)
            .put("name", name)
            .put("slug", slug)
            .put("imageUrls", new JsonArray(List.copyOf(imageUrls))));
  }
}
