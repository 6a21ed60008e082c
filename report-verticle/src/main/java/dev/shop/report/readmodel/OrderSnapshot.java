package dev.shop.report.readmodel;

import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventData;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An order as an order event carries it (the whole order after the change), with what it sold per product. */
record OrderSnapshot(UUID orderId, UUID userId, String status, long totalInt, int version, OffsetDateTime createdAt,
    List<ProductSold> products) {

  static OrderSnapshot from(DomainEvent event) {
    EventData data = EventData.of(event);
    Map<UUID, ProductSold> products = new LinkedHashMap<>();
    for (int i = 0; i < data.size("items"); i++) {
      EventData item = data.entry("items", i);
      long quantity = item.number("quantity");
      ProductSold sold = new ProductSold(item.id("productId"), item.text("sku"), item.text("name"), quantity,
          quantity * item.number("priceInt"));
      products.merge(sold.productId(), sold, ProductSold::plus);
    }
    return new OrderSnapshot(data.id("orderId"), data.id("userId"), data.text("status"), data.number("totalInt"),
        Math.toIntExact(data.number("version")), data.time("createdAt"), new ArrayList<>(products.values()));
  }
}
