package dev.shop.report.report;

import dev.shop.common.db.Rows;
import dev.shop.report.range.DateRange;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The reports' SQL: one aggregate per report over the orders created in the range ({@code $1}
 * inclusive to {@code $2} exclusive), read through the {@code created_at} indexes
 * (docs/reports.md shows the plans).
 */
public final class ReportRepository {

  /** The orders that were paid, whatever happened to them since (short of a cancel). */
  private static final String PAID = "status IN ('PAID', 'SHIPPED', 'DELIVERED')";

  /** The days of the range that had orders (the others had none). */
  static final String SALES_BY_DAY = "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS orders, "
      + "count(*) FILTER (WHERE " + PAID + ") AS paid, "
      + "count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled, "
      + "coalesce(sum(total_int) FILTER (WHERE " + PAID + "), 0)::bigint AS revenue "
      + "FROM report_orders WHERE " + inRange("created_at") + " AND status <> 'DISCARDED' GROUP BY day";

  /**
   * The {@code $3} best-selling products of the range's paid orders, by revenue, units, id. The
   * sku and name are the product's latest; for a product no product event told about, those of
   * its most recent line in the range. They are looked up per product of the answer, in a lateral
   * subquery: a plain join would let a generic plan (its limit unknown) read every product. Both
   * sides of the main join are read by their {@code created_at} index, the range only.
   */
  static final String TOP_PRODUCTS = "WITH sold AS ("
      + "SELECT l.product_id, sum(l.quantity)::bigint AS units, sum(l.revenue_int)::bigint AS revenue, "
      + "count(*) AS orders, max(l.created_at) AS last_sold_at "
      + "FROM report_order_lines l JOIN report_orders o ON o.order_id = l.order_id "
      + "WHERE " + inRange("l.created_at") + " AND " + inRange("o.created_at") + " AND o." + PAID + " "
      + "GROUP BY l.product_id ORDER BY revenue DESC, units DESC, l.product_id LIMIT $3) "
      + "SELECT s.product_id, s.units, s.revenue, s.orders, named.sku, named.name "
      + "FROM sold s LEFT JOIN LATERAL ("
      + "SELECT p.sku, p.name, 1 AS source, NULL::uuid AS order_id FROM report_products p "
      + "WHERE p.product_id = s.product_id "
      + "UNION ALL "
      + "SELECT l.sku, l.name, 2, l.order_id FROM report_order_lines l "
      + "WHERE l.created_at = s.last_sold_at AND l.product_id = s.product_id "
      + "ORDER BY source, order_id DESC LIMIT 1) named ON true "
      + "ORDER BY s.revenue DESC, s.units DESC, s.product_id";

  /**
   * The sign-up months of the users who registered in the range, with their paid orders created
   * in the range; users the read model never saw register are in no cohort.
   */
  static final String COHORTS = "SELECT to_char(u.registered_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, "
      + "count(*) AS users, count(b.user_id) AS buyers, coalesce(sum(b.orders), 0)::bigint AS orders, "
      + "coalesce(sum(b.revenue), 0)::bigint AS revenue "
      + "FROM report_users u LEFT JOIN ("
      + "SELECT user_id, count(*) AS orders, sum(total_int) AS revenue FROM report_orders "
      + "WHERE " + inRange("created_at") + " AND " + PAID + " GROUP BY user_id) b ON b.user_id = u.user_id "
      + "WHERE " + inRange("u.registered_at") + " "
      + "GROUP BY month ORDER BY month";

  private final Pool pool;

  public ReportRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<DaySales>> salesByDay(DateRange range) {
    return pool.preparedQuery(SALES_BY_DAY).execute(bounds(range))
        .map(rows -> Rows.all(rows, row -> new DaySales(row.getLocalDate("day"), row.getLong("orders"),
            row.getLong("paid"), row.getLong("cancelled"), row.getLong("revenue"))));
  }

  Future<List<ProductSales>> topProducts(DateRange range, int limit) {
    return pool.preparedQuery(TOP_PRODUCTS).execute(bounds(range).addInteger(limit))
        .map(rows -> Rows.all(rows, row -> new ProductSales(row.getUUID("product_id"), row.getString("sku"),
            row.getString("name"), row.getLong("units"), row.getLong("revenue"), row.getLong("orders"))));
  }

  Future<List<Cohort>> cohorts(DateRange range) {
    return pool.preparedQuery(COHORTS).execute(bounds(range))
        .map(rows -> Rows.all(rows, row -> new Cohort(row.getString("month"), row.getLong("users"),
            row.getLong("buyers"), row.getLong("orders"), row.getLong("revenue"))));
  }

  /** {@code column} within the range, from {@link #bounds}. */
  private static String inRange(String column) {
    return column + " >= $1 AND " + column + " < $2";
  }

  /** {@code $1} and {@code $2}: the range's first instant and the first after it. */
  static Tuple bounds(DateRange range) {
    return Tuple.of(OffsetDateTime.ofInstant(range.start(), ZoneOffset.UTC),
        OffsetDateTime.ofInstant(range.endExclusive(), ZoneOffset.UTC));
  }
}
