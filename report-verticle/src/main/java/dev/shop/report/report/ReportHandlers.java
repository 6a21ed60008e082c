package dev.shop.report.report;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.json.JsonInput;
import dev.shop.report.range.DateRange;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * The report subjects; administrators only. Their bodies are the HTTP query (strings): a
 * parameter a report does not know is 400, like an invalid one.
 */
public final class ReportHandlers {

  private static final String LIMIT = "limit";
  private static final int DEFAULT_LIMIT = 10;
  private static final int MAX_LIMIT = 100;

  private final ReportRepository reports;
  private final Clock clock;

  /** {@code clock} says which day is today, the default end of a range. */
  public ReportHandlers(ReportRepository reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  /** {@code {fromAt?, toAt?}}: orders, paid orders, revenue, and the same per day. */
  public Future<BusReply> salesSummary(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.body(request.body(), DateRange.FROM, DateRange.TO);
    DateRange range = DateRange.read(input, today());
    input.validate();
    return reports.salesByDay(range).map(days -> BusReply.ok(SalesSummary.of(range, days).toJson()));
  }

  /** {@code {fromAt?, toAt?, limit?}}: the best-selling products of the paid orders. */
  public Future<BusReply> productPerformance(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.body(request.body(), DateRange.FROM, DateRange.TO, LIMIT);
    DateRange range = DateRange.read(input, today());
    Integer limit = input.intParam(LIMIT, DEFAULT_LIMIT, 1, MAX_LIMIT);
    input.validate();
    return reports.topProducts(range, limit).map(products -> answer(range, "products", products, ProductSales::toJson));
  }

  /** {@code {fromAt?, toAt?}}: the users who signed up in the range, by month, and what they bought. */
  public Future<BusReply> userCohort(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.body(request.body(), DateRange.FROM, DateRange.TO);
    DateRange range = DateRange.read(input, today());
    input.validate();
    return reports.cohorts(range).map(cohorts -> answer(range, "cohorts", cohorts, Cohort::toJson));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static <T> BusReply answer(DateRange range, String listName, List<T> items,
      Function<T, JsonObject> toJson) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(toJson.apply(item)));
    return BusReply.ok(range.toJson().put(listName, array));
  }
}
