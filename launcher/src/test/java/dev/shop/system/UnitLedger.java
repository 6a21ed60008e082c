package dev.shop.system;

import dev.shop.common.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one product's units are after a fault, read straight from the product and order databases:
 * its stock, the units in orders that are not cancelled, and the units held by reservations whose
 * order was never written (the product service's sweeper returns those later). No unit is lost or
 * sold twice when they add up to the stock the product began with. Also which of the orders a
 * client was answered 201 for are there, and how many order events are not yet published.
 */
public record UnitLedger(long stock, long ordered, int reservationsWithoutOrder, long held, Set<String> kept,
    long unpublished) {

  /** The ledger of {@code productId}; {@code accepted} are the order ids answered 201. */
  public static UnitLedger read(String productDatabaseUrl, String orderDatabaseUrl, String productId,
      Set<String> accepted) throws Exception {
    Map<String, Long> pendingReservations = new HashMap<>();
    long stock;
    try (Connection products = TestDatabases.connect(productDatabaseUrl)) {
      stock = single(products, "SELECT stock FROM products WHERE id = '" + productId + "'");
      try (PreparedStatement query = products.prepareStatement("SELECT r.order_id::text, sum(i.quantity) "
          + "FROM stock_reservations r JOIN stock_reservation_items i ON i.order_id = r.order_id "
          + "WHERE r.status = 'PENDING' AND i.product_id = '" + productId + "' GROUP BY r.order_id");
          ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          pendingReservations.put(rows.getString(1), rows.getLong(2));
        }
      }
    }
    try (Connection orders = TestDatabases.connect(orderDatabaseUrl)) {
      Set<String> pendingWithOrder = existing(orders, pendingReservations.keySet());
      long held = pendingReservations.entrySet().stream().filter(entry -> !pendingWithOrder.contains(entry.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
      return new UnitLedger(stock,
          single(orders, "SELECT coalesce(sum(quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id "
              + "WHERE o.status <> 'CANCELLED' AND i.product_id = '" + productId + "'"),
          pendingReservations.size() - pendingWithOrder.size(), held, existing(orders, accepted),
          single(orders, "SELECT count(*) FROM event_outbox WHERE published_at IS NULL"));
    }
  }

  /** Stock, units ordered and units held: the stock the product began with when no unit was lost. */
  public long units() {
    return stock + ordered + held;
  }

  @Override
  public String toString() {
    return String.format("stock %d + units in orders %d + units held by %d reservations without an order %d = %d",
        stock, ordered, reservationsWithoutOrder, held, units());
  }

  /** Which of {@code ids} are orders in the order database. */
  private static Set<String> existing(Connection orders, Set<String> ids) throws Exception {
    Set<String> found = new HashSet<>();
    try (PreparedStatement query = orders.prepareStatement("SELECT id::text FROM orders WHERE id = ANY(?::uuid[])")) {
      query.setArray(1, orders.createArrayOf("text", ids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }

  private static long single(Connection connection, String sql) throws Exception {
    try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
