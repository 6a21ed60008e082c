package dev.shop.report.report;

import dev.shop.report.range.DateRange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The sales summary of a range: its days, every one of them, and their totals. */
record SalesSummary(DateRange range, List<DaySales> days) {

  /** The summary of {@code range} from the days that had orders; the others are zero days. */
  static SalesSummary of(DateRange range, List<DaySales> daysWithOrders) {
    Map<LocalDate, DaySales> counted = daysWithOrders.stream()
        .collect(Collectors.toMap(DaySales::date, Function.identity()));
    return new SalesSummary(range, range.days().stream()
        .map(day -> counted.getOrDefault(day, DaySales.none(day))).toList());
  }

  JsonObject toJson() {
    long paidOrders = days.stream().mapToLong(DaySales::paidOrders).sum();
    long revenue = days.stream().mapToLong(DaySales::revenueInt).sum();
    JsonArray byDay = new JsonArray();
    days.forEach(day -> byDay.add(new JsonObject()
        .put("date", day.date().toString())
        .put("orders", day.orders())
        .put("revenueInt", day.revenueInt())));
    return range.toJson()
        .put("totalOrders", days.stream().mapToLong(DaySales::orders).sum())
        .put("paidOrders", paidOrders)
        .put("cancelledOrders", days.stream().mapToLong(DaySales::cancelledOrders).sum())
        .put("grossRevenueInt", revenue)
        .put("averageOrderValueInt", paidOrders == 0 ? 0L : revenue / paidOrders)
        .put("byDay", byDay);
  }
}
