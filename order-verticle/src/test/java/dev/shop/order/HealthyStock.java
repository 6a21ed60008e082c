package dev.shop.order;

import dev.shop.contract.product.ReservationRequest;
import dev.shop.contract.product.ReservedLine;
import dev.shop.contract.product.StockReleaseReply;
import dev.shop.contract.product.StockReserveReply;
import dev.shop.contract.product.StockReserveRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The product service's {@code stock.*} answers as a healthy one gives them to the order service. */
public final class HealthyStock {

  private HealthyStock() {
  }

  /** The answer to a reservation: every line reserved at {@code priceInt} a unit. */
  public static Function<JsonObject, Object> reservedAt(long priceInt) {
    return body -> {
      StockReserveRequest request = StockReserveRequest.fromJson(body);
      return new StockReserveReply(request.orderId(), request.items().stream()
          .map(line -> new ReservedLine(UUID.fromString(line.productId()), line.quantity(), priceInt, "SKU", "Product",
              "product", List.of()))
          .toList()).toJson();
    };
  }

  public static JsonObject released(JsonObject body) {
    return new StockReleaseReply(ReservationRequest.fromJson(body).orderId(), true).toJson();
  }
}
