package dev.shop.launcher.demo;

import dev.shop.common.text.Slugs;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the demo shop does, decided before anything is sent, from a seeded {@link Random} (the
 * same curves at every first start): customers who sign up over {@link #SIGN_UP_DAYS} days, and
 * the {@link #ORDER_DAYS} days of orders that end with {@code lastDay}, more of them as the shop
 * grows and at weekends. Each order's life is planned whole (paid, shipped, delivered, or
 * cancelled while pending or after payment); the steps that would fall after {@code lastDay} are
 * left out, so the latest orders are still pending, paid or on their way. Times are between 08:00
 * and 22:00 in Vietnam (01:00 to 15:00 UTC), so an order's UTC day is its day in the shop.
 */
record DemoPlan(List<Customer> customers, List<Order> orders, List<Step> steps) {

  static final int CUSTOMERS = 30;
  static final int ORDER_DAYS = 28;
  static final int SIGN_UP_DAYS = 120;
  static final String COD = "COD";
  static final String TRANSFER = "SePay";

  /** The first and the last hour (UTC) of the shop's day. */
  private static final int OPENS = 1;
  private static final int CLOSES = 15;

  private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
      "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"};
  /** Middle and given names, women's then men's. */
  private static final String[][] MIDDLE = {{"Thị", "Ngọc", "Thu", "Thanh", "Hoài"},
      {"Văn", "Minh", "Đức", "Quang", "Gia"}};
  private static final String[][] GIVEN = {
      {"Chi", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Quỳnh", "Thảo", "Trang", "Vy", "Yến"},
      {"An", "Bình", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Khoa", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tâm",
          "Tuấn"}};
  private static final String[] STREETS = {"Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Trần Hưng Đạo", "Lý Thường Kiệt",
      "Điện Biên Phủ", "Cách Mạng Tháng Tám", "Phan Đình Phùng", "Nguyễn Trãi", "Võ Văn Tần"};
  /** Ward, district, city. */
  private static final String[][] PLACES = {
      {"Bến Nghé", "Quận 1", "Hồ Chí Minh"}, {"Phường 6", "Quận 3", "Hồ Chí Minh"},
      {"Tân Định", "Quận 1", "Hồ Chí Minh"}, {"Phường 12", "Quận Bình Thạnh", "Hồ Chí Minh"},
      {"Hàng Bạc", "Quận Hoàn Kiếm", "Hà Nội"}, {"Dịch Vọng", "Quận Cầu Giấy", "Hà Nội"},
      {"Láng Hạ", "Quận Đống Đa", "Hà Nội"}, {"Hải Châu 1", "Quận Hải Châu", "Đà Nẵng"},
      {"An Hải Bắc", "Quận Sơn Trà", "Đà Nẵng"}, {"Tân An", "Quận Ninh Kiều", "Cần Thơ"}};
  private static final String CHANGED_MIND = "Khách hàng đổi ý";
  private static final String WRONG_ITEM = "Đặt nhầm sản phẩm";
  private static final String NOT_PAID = "Quá hạn thanh toán chuyển khoản";

  /** A demo customer; {@code appetite} weighs how often they order, {@code transferShare} how they pay. */
  record Customer(String fullName, String email, String phone, String street, String ward,
      String district, String city, Instant signsUpAt, double appetite, double transferShare) {
  }

  /** A product of the catalogue the demo may sell, with the stock it had at the start. */
  record Product(String id, int stock) {
  }

  record Line(Product product, int quantity) {
  }

  /** An order as its customer places it: from the cart or with its items, paid by {@link #COD} or {@link #TRANSFER}. */
  record Order(int number, Customer customer, List<Line> lines, boolean fromCart, String method) {
  }

  enum Action {
    /** Registers, with a first address. */
    SIGN_UP,
    /** Places the order, then asks to pay it. */
    CHECKOUT,
    /** The bank transfer arrives: the provider's signed notice. */
    TRANSFER_RECEIVED,
    /** The shop confirms a cash-on-delivery order for shipping (PAID). */
    CONFIRM,
    SHIP,
    DELIVER,
    CANCEL_BY_CUSTOMER,
    CANCEL_BY_SHOP
  }

  /** One thing that happens at {@code at}: to {@code customer}, or to their {@code order}. */
  record Step(Instant at, Action action, Customer customer, Order order, String reason) {
  }

  /** The plan of the days up to {@code lastDay}, selling from {@code catalogue} without emptying its stock. */
  static DemoPlan make(long seed, LocalDate lastDay, List<Product> catalogue, boolean transfers) {
    if (catalogue.isEmpty()) {
      throw new IllegalArgumentException("The demo shop needs products in stock");
    }
    Random random = new Random(seed);
    Instant end = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Step> steps = new ArrayList<>();
    List<Customer> customers = customers(random, lastDay, transfers);
    customers.forEach(customer -> steps.add(new Step(customer.signsUpAt(), Action.SIGN_UP, customer, null, null)));
    // The products sold draw from a Random of their own: whatever the catalogue, the customers,
    // the days' orders and their lives are the same.
    Shelf shelf = new Shelf(catalogue, new Random(seed + 1));
    List<Order> orders = new ArrayList<>();
    LocalDate firstDay = lastDay.minusDays(ORDER_DAYS - 1);
    for (int day = 0; day < ORDER_DAYS; day++) {
      LocalDate date = firstDay.plusDays(day);
      double growth = (double) day / (ORDER_DAYS - 1);
      double expected = (4 + 7 * growth) * weekday(date.getDayOfWeek());
      int count = (int) Math.max(2, Math.min(16, Math.round(expected + random.nextGaussian() * 1.5)));
      List<Instant> times = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        times.add(timeOn(random, date));
      }
      times.sort(Comparator.naturalOrder());
      for (Instant placedAt : times) {
        Customer customer = pick(random, customers, placedAt);
        List<Line> lines = shelf.lines();
        if (customer == null || lines.isEmpty()) {
          continue;
        }
        boolean transfer = random.nextDouble() < customer.transferShare();
        Order order = new Order(orders.size() + 1, customer, lines, random.nextDouble() < 0.4,
            transfer ? TRANSFER : COD);
        orders.add(order);
        steps.add(new Step(placedAt, Action.CHECKOUT, customer, order, null));
        life(random, order, placedAt, steps);
      }
    }
    List<Step> due = new ArrayList<>(steps.stream().filter(step -> step.at().isBefore(end)).toList());
    due.sort(Comparator.comparing(Step::at));
    return new DemoPlan(customers, orders, due);
  }

  /** The steps after checkout: its payment, shipping and delivery, or its cancel. */
  private static void life(Random random, Order order, Instant placedAt, List<Step> steps) {
    Customer customer = order.customer();
    double fate = random.nextDouble();
    Instant paidAt;
    if (order.method().equals(TRANSFER)) {
      if (fate < 0.05) {
        steps.add(new Step(nextDayAt(random, placedAt), Action.CANCEL_BY_SHOP, customer, order, NOT_PAID));
        return;
      }
      paidAt = laterThatDay(placedAt, Duration.ofMinutes(3 + random.nextInt(40)));
      steps.add(new Step(paidAt, Action.TRANSFER_RECEIVED, customer, order, null));
      if (fate < 0.11) {
        steps.add(new Step(laterThatDay(paidAt, Duration.ofHours(1 + random.nextInt(5))), Action.CANCEL_BY_CUSTOMER,
            customer, order, CHANGED_MIND));
        return;
      }
    } else {
      if (fate < 0.08) {
        steps.add(new Step(laterThatDay(placedAt, Duration.ofMinutes(20 + random.nextInt(120))),
            Action.CANCEL_BY_CUSTOMER, customer, order, random.nextBoolean() ? CHANGED_MIND : WRONG_ITEM));
        return;
      }
      paidAt = nextDayAt(random, placedAt);
      steps.add(new Step(paidAt, Action.CONFIRM, customer, order, null));
    }
    Instant shippedAt = nextDayAt(random, paidAt);
    steps.add(new Step(shippedAt, Action.SHIP, customer, order, null));
    Instant deliveredAt = nextDayAt(random, shippedAt.plus(Duration.ofDays(1 + random.nextInt(3))));
    steps.add(new Step(deliveredAt, Action.DELIVER, customer, order, null));
  }

  private static List<Customer> customers(Random random, LocalDate lastDay, boolean transfers) {
    LocalDate firstDay = lastDay.minusDays(SIGN_UP_DAYS - 1);
    List<Customer> customers = new ArrayList<>();
    Map<String, Integer> emails = new HashMap<>();
    for (int number = 1; number <= CUSTOMERS; number++) {
      String family = FAMILY[random.nextInt(FAMILY.length)];
      int man = random.nextInt(2);
      String middle = MIDDLE[man][random.nextInt(MIDDLE[man].length)];
      String given = GIVEN[man][random.nextInt(GIVEN[man].length)];
      String local = Slugs.derive(given, "khach") + "." + Slugs.derive(family, "khach");
      int same = emails.merge(local, 1, Integer::sum);
      String email = (same == 1 ? local : local + same) + "@example.com";
      String phone = "09" + String.format("%08d", random.nextInt(100_000_000));
      String[] place = PLACES[random.nextInt(PLACES.length)];
      String street = (1 + random.nextInt(200)) + " " + STREETS[random.nextInt(STREETS.length)];
      // More sign-ups as the shop grows: the density of sign-up days rises towards lastDay.
      int day = (int) (SIGN_UP_DAYS * Math.sqrt(random.nextDouble()));
      Instant signsUpAt = timeOn(random, firstDay.plusDays(Math.min(day, SIGN_UP_DAYS - 1)));
      double appetite = random.nextInt(6) == 0 ? 4 : 0.5 + random.nextDouble() * 1.5;
      double transferShare = transfers ? 0.3 + random.nextDouble() * 0.5 : 0;
      customers.add(new Customer(family + " " + middle + " " + given, email, phone, street, place[0], place[1],
          place[2], signsUpAt, appetite, transferShare));
    }
    return customers;
  }

  /** Orders by weekday: busier at weekends, quieter early in the week. */
  private static double weekday(DayOfWeek day) {
    return switch (day) {
      case MONDAY, TUESDAY -> 0.85;
      case WEDNESDAY, THURSDAY -> 1.0;
      case FRIDAY -> 1.1;
      case SATURDAY -> 1.35;
      case SUNDAY -> 1.25;
    };
  }

  /** A moment of the shop's open hours on {@code date}, to the second. */
  private static Instant timeOn(Random random, LocalDate date) {
    int seconds = random.nextInt((CLOSES - OPENS) * 3600);
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(OPENS * 3600L + seconds);
  }

  /** {@code by} after {@code at}, or the last second of that day's open hours if that is earlier. */
  private static Instant laterThatDay(Instant at, Duration by) {
    Instant closing = LocalDate.ofInstant(at, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant()
        .plusSeconds(CLOSES * 3600L - 1);
    Instant later = at.plus(by);
    return later.isAfter(closing) ? closing : later;
  }

  /** A moment of the open hours of the day after {@code after}'s. */
  private static Instant nextDayAt(Random random, Instant after) {
    return timeOn(random, LocalDate.ofInstant(after, ZoneOffset.UTC).plusDays(1));
  }

  /** A customer who has signed up before {@code at}, by appetite; null when none has yet. */
  private static Customer pick(Random random, List<Customer> customers, Instant at) {
    List<Customer> signedUp = customers.stream().filter(customer -> customer.signsUpAt().isBefore(at)).toList();
    double total = signedUp.stream().mapToDouble(Customer::appetite).sum();
    double draw = random.nextDouble() * total;
    for (Customer customer : signedUp) {
      draw -= customer.appetite();
      if (draw < 0) {
        return customer;
      }
    }
    return signedUp.isEmpty() ? null : signedUp.get(signedUp.size() - 1);
  }

  /**
   * The products on sale, some far more popular than others (the best stocked, as a shop stocks
   * what sells), and the units the plan has sold of each: a line is only planned while at least
   * half of the product's stock remains, so no checkout of the demo runs out of stock, cancelled
   * orders or not.
   */
  private static final class Shelf {

    private final Random random;
    private final List<Product> products;
    private final double[] popularity;
    private final double totalPopularity;
    private final Map<String, Integer> sold = new HashMap<>();

    Shelf(List<Product> catalogue, Random random) {
      this.random = random;
      products = new ArrayList<>(catalogue);
      products.sort(Comparator.comparingInt(Product::stock).reversed().thenComparing(Product::id));
      popularity = new double[products.size()];
      for (int i = 0; i < popularity.length; i++) {
        popularity[i] = 1.0 / (i + 2);
      }
      double total = 0;
      for (double weight : popularity) {
        total += weight;
      }
      totalPopularity = total;
    }

    /** One to three lines of different products; empty when nothing can be sold any more. */
    List<Line> lines() {
      double kinds = random.nextDouble();
      int count = kinds < 0.6 ? 1 : kinds < 0.9 ? 2 : 3;
      List<Line> lines = new ArrayList<>();
      for (int attempt = 0; attempt < 10 && lines.size() < count; attempt++) {
        int index = pickIndex();
        Product product = products.get(index);
        double size = random.nextDouble();
        int quantity = size < 0.75 ? 1 : size < 0.95 ? 2 : 3;
        boolean taken = lines.stream().anyMatch(line -> line.product().equals(product));
        if (!taken && sold.getOrDefault(product.id(), 0) + quantity <= product.stock() / 2) {
          sold.merge(product.id(), quantity, Integer::sum);
          lines.add(new Line(product, quantity));
        }
      }
      return lines;
    }

    private int pickIndex() {
      double draw = random.nextDouble() * totalPopularity;
      for (int i = 0; i < popularity.length; i++) {
        draw -= popularity[i];
        if (draw < 0) {
          return i;
        }
      }
      return popularity.length - 1;
    }
  }
}
