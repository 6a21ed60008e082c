package dev.shop.report.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.db.Database;
import dev.shop.common.json.JsonInput;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import dev.shop.report.range.DateRange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With 200,000 orders over two years, a month's reports read only that month: neither the plan
 * made for the values nor the generic one a cached statement may switch to scans a whole table.
 * The plans are printed (docs/reports.md has those of 1,000,000 orders).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPlanTest {

  private static final int ORDERS = 200_000;
  private static final DateRange JUNE = range("2026-06-01", "2026-06-30");

  private Vertx vertx;
  private Pool pool;

  @BeforeAll
  void fillTheReadModel() {
    vertx = Vertx.vertx();
    pool = Await.result(Database.migrateAndConnect(vertx, "report", TestDatabases.freshDatabase("report_plan"), 2));
    execute("INSERT INTO report_users (user_id, registered_at) SELECT md5('u' || i)::uuid, "
        + "timestamptz '2024-01-01' + (i::float / 50000) * interval '3 years' FROM generate_series(1, 50000) i");
    execute("INSERT INTO report_products (product_id, sku, name, updated_at) SELECT md5('p' || i)::uuid, "
        + "'SKU-' || i, 'Product ' || i, timestamptz '2025-01-01' FROM generate_series(1, 5000) i");
    // Order ids are UUIDv7 (time first), as the order service makes them.
    execute("INSERT INTO report_orders (order_id, user_id, status, total_int, version, created_at) "
        + "SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' "
        + "|| substr(h, 4, 15))::uuid, md5('u' || (1 + abs(hashint4(i)) % 50000))::uuid, "
        + "(ARRAY['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'DELIVERED', 'CANCELLED', 'DISCARDED'])[1 + i % 7], "
        + "1000 * (1 + i % 50), 3, ts FROM (SELECT i, md5('o' || i) AS h, "
        + "timestamptz '2025-01-01' + (i::float / " + ORDERS + ") * interval '2 years' AS ts "
        + "FROM generate_series(1, " + ORDERS + ") i) g");
    execute("INSERT INTO report_order_lines (order_id, created_at, product_id, sku, name, quantity, revenue_int) "
        + "SELECT o.order_id, o.created_at, md5('p' || (1 + abs(hashtext(o.order_id::text || n)) % 5000))::uuid, 'SKU', 'Product', "
        + "n, n * 1000 FROM report_orders o, generate_series(1, 1 + abs(hashtext(o.order_id::text)) % 4) n "
        + "WHERE o.status <> 'DISCARDED' ON CONFLICT DO NOTHING");
    execute("VACUUM ANALYZE");
  }

  @AfterAll
  void close() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  @Test
  void salesSummaryReadsTheRangeOnly() {
    assertReadsTheRangeOnly("sales summary", ReportRepository.SALES_BY_DAY, ReportRepository.bounds(JUNE));
  }

  @Test
  void productPerformanceReadsTheRangeOnly() {
    assertReadsTheRangeOnly("product performance", ReportRepository.TOP_PRODUCTS,
        ReportRepository.bounds(JUNE).addInteger(10));
  }

  @Test
  void userCohortReadsTheRangeOnly() {
    assertReadsTheRangeOnly("user cohort", ReportRepository.COHORTS, ReportRepository.bounds(JUNE));
  }

  private void assertReadsTheRangeOnly(String what, String sql, Tuple parameters) {
    List<String> custom = lines(pool.preparedQuery("EXPLAIN " + sql).execute(parameters));
    List<String> generic = lines(pool.query("EXPLAIN (GENERIC_PLAN) " + sql).execute());
    System.out.println("-- " + what + "\n-- custom plan\n" + String.join("\n", custom)
        + "\n-- generic plan\n" + String.join("\n", generic) + "\n");
    for (List<String> plan : List.of(custom, generic)) {
      assertThat(plan).as(what + ":\n" + String.join("\n", plan)).noneMatch(line -> line.contains("Seq Scan"));
    }
  }

  private static DateRange range(String fromAt, String toAt) {
    JsonInput input = JsonInput.lenient(new JsonObject().put("fromAt", fromAt).put("toAt", toAt));
    DateRange range = DateRange.read(input, LocalDate.parse(toAt));
    input.validate();
    return range;
  }

  private static List<String> lines(Future<RowSet<Row>> plan) {
    List<String> lines = new ArrayList<>();
    Await.result(plan).forEach(row -> lines.add(row.getString(0)));
    return lines;
  }

  private void execute(String sql) {
    Await.result(pool.query(sql).execute());
  }
}
