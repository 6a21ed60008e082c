package dev.shop.report.readmodel;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The SQL that writes the read model, each statement inside the transaction of the event it
 * applies. Every write keeps what the newest change says whatever order the events come in.
 */
final class ReadModelRepository {

  /**
   * Keeps the order as of its highest version. The event that wins also writes the lines unless
   * they are there: they never change, so the first event of the order to arrive writes them.
   */
  Future<Void> saveOrder(SqlClient tx, OrderSnapshot order) {
    return tx.preparedQuery("INSERT INTO report_orders (order_id, user_id, status, total_int, version, created_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, "
            + "total_int = EXCLUDED.total_int, version = EXCLUDED.version, created_at = EXCLUDED.created_at "
            + "WHERE report_orders.version < EXCLUDED.version RETURNING order_id")
        .execute(Tuple.of(order.orderId(), order.userId(), order.status(), order.totalInt(), order.version(),
            order.createdAt()))
        .compose(saved -> saved.rowCount() == 0 ? Future.succeededFuture() : saveLines(tx, order));
  }

  private static Future<Void> saveLines(SqlClient tx, OrderSnapshot order) {
    var products = order.products();
    return tx.preparedQuery("INSERT INTO report_order_lines (order_id, created_at, product_id, sku, name, quantity, "
            + "revenue_int) SELECT $1, $2, * FROM unnest($3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::bigint[]) "
            + "ON CONFLICT DO NOTHING")
        .execute(Tuple.of(order.orderId(), order.createdAt(),
            products.stream().map(ProductSold::productId).toArray(UUID[]::new),
            products.stream().map(ProductSold::sku).toArray(String[]::new),
            products.stream().map(ProductSold::name).toArray(String[]::new),
            products.stream().map(ProductSold::quantity).toArray(Long[]::new),
            products.stream().map(ProductSold::revenueInt).toArray(Long[]::new)))
        .mapEmpty();
  }

  /**
   * Marks the order DISCARDED at its discard's version (the highest it ever has), so an event of
   * it that arrives later changes nothing; its lines go, they can never count.
   */
  Future<Void> discardOrder(SqlClient tx, UUID orderId, UUID userId, int version) {
    return tx.preparedQuery("INSERT INTO report_orders (order_id, user_id, status, total_int, version) "
            + "VALUES ($1, $2, 'DISCARDED', 0, $3) ON CONFLICT (order_id) DO UPDATE SET status = 'DISCARDED', "
            + "version = EXCLUDED.version WHERE report_orders.version < EXCLUDED.version RETURNING order_id")
        .execute(Tuple.of(orderId, userId, version))
        .compose(discarded -> discarded.rowCount() == 0 ? Future.succeededFuture()
            : tx.preparedQuery("DELETE FROM report_order_lines WHERE order_id = $1").execute(Tuple.of(orderId))
                .mapEmpty());
  }

  /** Keeps the product's sku and name of its latest {@code updatedAt}. */
  Future<Void> saveProduct(SqlClient tx, UUID productId, String sku, String name, OffsetDateTime updatedAt) {
    return tx.preparedQuery("INSERT INTO report_products (product_id, sku, name, updated_at) VALUES ($1, $2, $3, $4) "
            + "ON CONFLICT (product_id) DO UPDATE SET sku = EXCLUDED.sku, name = EXCLUDED.name, "
            + "updated_at = EXCLUDED.updated_at WHERE report_products.updated_at < EXCLUDED.updated_at")
        .execute(Tuple.of(productId, sku, name, updatedAt))
        .mapEmpty();
  }

  /** A sign-up never changes: the first delivery writes it. */
  Future<Void> saveUser(SqlClient tx, UUID userId, OffsetDateTime registeredAt) {
    return tx.preparedQuery("INSERT INTO report_users (user_id, registered_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(userId, registeredAt))
        .mapEmpty();
  }
}
