package dev.shop.product.reservation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** One line of a reservation: the quantity held and the product as it was when reserved. */
record ReservedLine(UUID productId, int quantity, long priceInt, String sku, String name, String slug,
    List<String> imageUrls) {

  static final String COLUMNS = "product_id, quantity, price_int, sku, name, slug, image_urls";

  static ReservedLine from(Row row) {
    String[] images = row.getArrayOfStrings("image_urls");
    return new ReservedLine(row.getUUID("product_id"), row.getInteger("quantity"), row.getLong("price_int"),
        row.getString("sku"), row.getString("name"), row.getString("slug"),
        images == null ? List.of() : List.of(images));
  }

  /** The parameters of an insert of {@link #COLUMNS} after the order id. */
  Tuple toTuple(UUID orderId) {
    return Tuple.from(new Object[] {orderId, productId, quantity, priceInt, sku, name, slug,
        imageUrls.toArray(String[]::new)});
  }

  JsonObject toResponse() {
    return new JsonObject()
        .put("productId", productId.toString())
        .put("quantity", quantity)
        .put("priceInt", priceInt)
        .put("sku", sku)
        .put("name", name)
        .put("slug", slug)
        .put("imageUrls", new JsonArray(List.copyOf(imageUrls)));
  }
}
