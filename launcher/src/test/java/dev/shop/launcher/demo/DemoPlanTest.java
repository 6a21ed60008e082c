package dev.shop.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.launcher.demo.DemoPlan.Action;
import dev.shop.launcher.demo.DemoPlan.Order;
import dev.shop.launcher.demo.DemoPlan.Product;
import dev.shop.launcher.demo.DemoPlan.Step;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoPlanTest {

  private static final LocalDate LAST_DAY = LocalDate.parse("2026-12-05");
  private static final List<Product> CATALOGUE = IntStream.range(0, 60)
      .mapToObj(i -> new Product("product-" + i, 40 + i * 4)).toList();

  private final DemoPlan plan = DemoPlan.make(7, LAST_DAY, CATALOGUE, true);

  @Test
  void theSameSeedMakesTheSamePlan() {
    assertThat(DemoPlan.make(7, LAST_DAY, CATALOGUE, true)).isEqualTo(plan);
  }

  @Test
  void anotherCatalogueSellsOtherProductsOnTheSameCurves() {
    List<Product> other = IntStream.range(0, 80).mapToObj(i -> new Product("other-" + i, 300)).toList();
    DemoPlan elsewhere = DemoPlan.make(7, LAST_DAY, other, true);
    assertThat(elsewhere.customers()).isEqualTo(plan.customers());
    assertThat(elsewhere.steps().stream().map(step -> step.at() + " " + step.action()).toList())
        .isEqualTo(plan.steps().stream().map(step -> step.at() + " " + step.action()).toList());
  }

  @Test
  void customersSignUpOverMonthsBeforeTheyOrder() {
    assertThat(plan.customers()).hasSize(DemoPlan.CUSTOMERS);
    assertThat(plan.customers().stream().map(customer -> customer.email()).distinct()).hasSize(DemoPlan.CUSTOMERS);
    assertThat(plan.customers()).allMatch(customer -> customer.email().matches("[a-z]+\\.[a-z]+[0-9]*@example\\.com"));
    assertThat(plan.customers().stream().map(customer -> customer.signsUpAt().atZone(ZoneOffset.UTC).getMonth())
        .distinct().count()).isGreaterThan(2);
    Map<Order, Instant> placedAt = new HashMap<>();
    plan.steps().stream().filter(step -> step.action() == Action.CHECKOUT)
        .forEach(step -> placedAt.put(step.order(), step.at()));
    assertThat(plan.orders()).allMatch(order -> order.customer().signsUpAt().isBefore(placedAt.get(order)));
  }

  @Test
  void stepsComeInTimeOrderDuringOpenHoursAndNoneAfterTheLastDay() {
    List<Instant> times = plan.steps().stream().map(Step::at).toList();
    assertThat(times).isSorted();
    assertThat(times.get(times.size() - 1)).isBefore(LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(plan.steps()).allMatch(step -> {
      int hour = step.at().atZone(ZoneOffset.UTC).getHour();
      return hour >= 1 && hour < 15;
    });
  }

  @Test
  void ordersAreSpreadOverTheWeeksMoreAtWeekendsAndAsTheShopGrows() {
    Map<LocalDate, Integer> perDay = new HashMap<>();
    plan.steps().stream().filter(step -> step.action() == Action.CHECKOUT)
        .forEach(step -> perDay.merge(LocalDate.ofInstant(step.at(), ZoneOffset.UTC), 1, Integer::sum));
    assertThat(perDay).hasSize(DemoPlan.ORDER_DAYS);
    int firstWeek = sum(perDay, LAST_DAY.minusDays(DemoPlan.ORDER_DAYS - 1), 7);
    int lastWeek = sum(perDay, LAST_DAY.minusDays(6), 7);
    assertThat(lastWeek).isGreaterThan(firstWeek);
    double weekend = perDay.entrySet().stream().filter(day -> day.getKey().getDayOfWeek().getValue() >= 6)
        .mapToInt(Map.Entry::getValue).average().orElseThrow();
    double earlyWeek = perDay.entrySet().stream().filter(day -> day.getKey().getDayOfWeek() == DayOfWeek.MONDAY
        || day.getKey().getDayOfWeek() == DayOfWeek.TUESDAY).mapToInt(Map.Entry::getValue).average().orElseThrow();
    assertThat(weekend).isGreaterThan(earlyWeek);
  }

  @Test
  void everyOrdersLifeFollowsTheLifecycle() {
    Map<Order, List<Action>> lives = new HashMap<>();
    plan.steps().stream().filter(step -> step.order() != null)
        .forEach(step -> lives.computeIfAbsent(step.order(), order -> new ArrayList<>()).add(step.action()));
    List<List<Action>> allowed = List.of(
        List.of(Action.CHECKOUT),
        List.of(Action.CHECKOUT, Action.CANCEL_BY_CUSTOMER),
        List.of(Action.CHECKOUT, Action.CANCEL_BY_SHOP),
        List.of(Action.CHECKOUT, Action.TRANSFER_RECEIVED),
        List.of(Action.CHECKOUT, Action.TRANSFER_RECEIVED, Action.CANCEL_BY_CUSTOMER),
        List.of(Action.CHECKOUT, Action.TRANSFER_RECEIVED, Action.SHIP),
        List.of(Action.CHECKOUT, Action.TRANSFER_RECEIVED, Action.SHIP, Action.DELIVER),
        List.of(Action.CHECKOUT, Action.CONFIRM),
        List.of(Action.CHECKOUT, Action.CONFIRM, Action.SHIP),
        List.of(Action.CHECKOUT, Action.CONFIRM, Action.SHIP, Action.DELIVER));
    assertThat(lives.values()).allMatch(allowed::contains);
    assertThat(lives.values()).contains(allowed.get(1), allowed.get(2), allowed.get(4), allowed.get(6), allowed.get(9));
    assertThat(lives.entrySet()).allMatch(life -> !life.getValue().contains(Action.TRANSFER_RECEIVED)
        || life.getKey().method().equals(DemoPlan.TRANSFER));
  }

  @Test
  void noProductSellsMoreThanHalfItsStock() {
    Map<String, Integer> sold = new HashMap<>();
    plan.orders().forEach(order -> order.lines()
        .forEach(line -> sold.merge(line.product().id(), line.quantity(), Integer::sum)));
    assertThat(CATALOGUE).allMatch(product -> sold.getOrDefault(product.id(), 0) <= product.stock() / 2);
  }

  @Test
  void withoutTransfersEveryOrderIsCashOnDelivery() {
    assertThat(DemoPlan.make(7, LAST_DAY, CATALOGUE, false).orders())
        .allMatch(order -> order.method().equals(DemoPlan.COD));
  }

  private static int sum(Map<LocalDate, Integer> perDay, LocalDate from, int days) {
    return IntStream.range(0, days).map(i -> perDay.getOrDefault(from.plusDays(i), 0)).sum();
  }
}
