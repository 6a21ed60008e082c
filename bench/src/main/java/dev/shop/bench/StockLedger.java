package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The products checkouts buy from, and the audit that no unit was sold twice: every unit in an
 * order the gateway answered 201 for must have left the stock. Stock is topped up before a run so
 * that buyers never starve.
 */
final class StockLedger {

  /** Each product of the pool holds at least this much when a run starts. */
  private static final int STOCK_FLOOR = 500_000;
  private static final int TOP_UP_TO = 1_000_000;
  private static final int AT_ONCE = 32;

  private final String[] productIds;
  private final long[] orderedUnits;
  private Map<String, Integer> startingStock = Map.of();

  private StockLedger(String[] productIds) {
    this.productIds = productIds;
    this.orderedUnits = new long[productIds.length];
  }

  /** A pool of {@code size} products drawn from those in stock. */
  static StockLedger draw(Catalogue catalogue, int size) {
    String[] ids = new String[Math.min(size, catalogue.inStockIds().length)];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = catalogue.productInStock();
    }
    return new StockLedger(Arrays.stream(ids).distinct().toArray(String[]::new));
  }

  /** Tops up, through the admin API, every product of the pool that holds less than the floor. */
  Future<Void> replenish(Sender gateway, String admin, ProductDatabase database) {
    return database.stock(productIds).compose(stock -> {
      Future<Void> chain = Future.succeededFuture();
      List<String> low = Arrays.stream(productIds).filter(id -> stock.getOrDefault(id, 0) < STOCK_FLOOR).toList();
      for (int first = 0; first < low.size(); first += AT_ONCE) {
        List<String> batch = low.subList(first, Math.min(low.size(), first + AT_ONCE));
        chain = chain.compose(v -> Future.all(batch.stream()
            .map(id -> topUp(gateway, admin, id, TOP_UP_TO - stock.get(id))).toList()).mapEmpty());
      }
      return chain;
    });
  }

  /** Moves a product's stock by {@code delta} through the API, as an administrator does. */
  static Future<Void> topUp(Sender gateway, String admin, String id, int delta) {
    Buffer body = new JsonObject().put("delta", delta).toBuffer();
    return gateway.call(Request.post("/products/" + id + "/stock", body, admin)).map(reply -> {
      if (!reply.is(200)) {
        throw reply.unexpected("stock top-up of " + id);
      }
      return null;
    });
  }

  /** Notes the stock before the run; orders count from here. */
  Future<Void> open(ProductDatabase database) {
    Arrays.fill(orderedUnits, 0);
    return database.stock(productIds).onSuccess(stock -> startingStock = stock).mapEmpty();
  }

  /** A checkout of one to three random lines of one or two units each, counted when answered 201. */
  Request order(String buyer) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int lines = 1 + random.nextInt(3);
    int[] products = new int[lines];
    int[] quantities = new int[lines];
    JsonArray items = new JsonArray();
    int first = random.nextInt(productIds.length);
    for (int line = 0; line < lines; line++) {
      // Neighbours in the pool: distinct products, and the pool is in random order anyway.
      products[line] = (first + line) % productIds.length;
      quantities[line] = 1 + random.nextInt(2);
      items.add(new JsonObject().put("productId", productIds[products[line]]).put("quantity", quantities[line]));
    }
    return Request.post("/orders", new JsonObject().put("items", items).toBuffer(), buyer).withOnStatus(status -> {
      if (status == 201) {
        for (int line = 0; line < lines; line++) {
          orderedUnits[products[line]] += quantities[line];
        }
      }
    });
  }

  /**
   * Units sold that never left the stock, summed over the pool: for each product, the units
   * ordered beyond how much its stock went down. The stock cannot go below zero, so selling more
   * than there was shows here too.
   */
  Future<Long> oversoldUnits(ProductDatabase database) {
    return database.stock(productIds).map(stock -> {
      long oversold = 0;
      for (int i = 0; i < productIds.length; i++) {
        long taken = startingStock.get(productIds[i]) - stock.get(productIds[i]);
        oversold += Math.max(0, orderedUnits[i] - taken);
      }
      return oversold;
    });
  }
}
