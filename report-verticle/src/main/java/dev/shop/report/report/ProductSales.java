package dev.shop.report.report;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** What the paid orders of a range sold of one product. */
record ProductSales(UUID productId, String sku, String name, long unitsSold, long revenueInt, long orders) {

  JsonObject toJson() {
    return new JsonObject()
        .put("productId", productId.toString())
        .put("sku", sku)
        .put("name", name)
        .put("unitsSold", unitsSold)
        .put("revenueInt", revenueInt)
        .put("orders", orders);
  }
}
