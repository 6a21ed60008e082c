package dev.shop.product.stock;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The {@code product.adjustStock} subject. */
public final class StockHandlers {

  private static final BodySchema ADJUSTMENT = BodySchema.of(RestContract.document(), "StockAdjustmentRequest");

  private final StockRepository stock;

  public StockHandlers(StockRepository stock) {
    this.stock = stock;
  }

  /** {@code {id, changes:{delta}}}; admin. A non-zero integer; below zero is 409. */
  public Future<BusReply> adjust(BusRequest request) {
    request.caller().requireAdmin();
    UUID id = request.id("Product");
    JsonInput input = JsonInput.body(request.body().getJsonObject("changes", new JsonObject()), ADJUSTMENT);
    Integer delta = input.requiredInt("delta");
    input.validate();
    return stock.adjust(id, delta)
        .map(change -> BusReply.ok(change.orElseThrow(StockHandlers::notFound).toResponse()));
  }

  private static ShopException notFound() {
    return ShopException.notFound("Product not found");
  }
}
