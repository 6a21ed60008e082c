package dev.shop.launcher.demo;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.Database;
import dev.shop.common.error.ShopException;
import dev.shop.contract.cart.CartSubjects;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.payment.PaymentSubjects;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.user.UserSubjects;
import dev.shop.launcher.demo.DemoPlan.Customer;
import dev.shop.launcher.demo.DemoPlan.Line;
import dev.shop.launcher.demo.DemoPlan.Order;
import dev.shop.launcher.demo.DemoPlan.Product;
import dev.shop.launcher.demo.DemoPlan.Step;
import dev.shop.payment.webhook.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Dev mode's living demo shop ({@code SHOP_DEMO_DATA}): on a first start (the order database has
 * no orders), before the gateway listens, customers sign up over the last months and order over
 * the last weeks ({@link DemoPlan}), through the services' own subjects, with what the gateway
 * would send for them: register and an address, a cart or the items, checkout, payment, the bank's
 * signed notice, the administrator's status changes, cancels. So the events, the read model and the
 * reports agree with the orders, as they would for real ones.
 *
 * <p>Each step happens at its moment of the past on the services' {@link DemoClock}; what a step
 * causes through events (an order PAID once its transfer is in, a payment refunded or failed once
 * its order is cancelled, cash collected on delivery) is waited for before the clock moves on, so
 * that it too is stamped with that moment.
 */
public final class DemoShop {

  private static final Logger log = LoggerFactory.getLogger(DemoShop.class);

  /** Every demo customer's password (README). */
  public static final String PASSWORD = "demo12345";
  /** Same curves at every first start. */
  private static final long SEED = 20_261_206L;
  /** How long an event's consequence may take before the replay gives up. */
  private static final Duration CONSEQUENCE_WAIT = Duration.ofSeconds(10);
  private static final long POLL_MS = 5;

  private final Vertx vertx;
  private final Bus bus;
  private final DemoClock clock;
  private final DemoShopSettings settings;
  /** Signs the bank's transfer notices as the payment provider does. */
  private final WebhookSignature bank;
  private final Map<Customer, Account> accounts = new HashMap<>();
  private final Map<Order, Placed> placed = new HashMap<>();
  private Caller admin;
  private long requests;

  /** A customer as the user service knows them. */
  private record Account(Caller caller, String addressId) {
  }

  /** An order as checkout answered it, and what became of it. */
  private static final class Placed {
    private final String id;
    private final long totalInt;
    private String status = "PENDING";
    private boolean paidByTransfer;

    Placed(String id, long totalInt) {
      this.id = id;
      this.totalInt = totalInt;
    }
  }

  private DemoShop(Vertx vertx, Bus bus, DemoClock clock, DemoShopSettings settings) {
    this.vertx = vertx;
    this.bus = bus;
    this.clock = clock;
    this.settings = settings;
    this.bank = new WebhookSignature(settings.webhookSecret());
  }

  /**
   * Makes the demo shop if the order database has no orders yet; every service of the platform
   * runs in this JVM on {@code clock}. Fails, naming the step, when a request or a consequence
   * fails: the start stops there. What was made stays: a start that stopped before the first order
   * is taken up again by the next (its customers sign in rather than register); after it, the
   * next start finds orders and makes nothing.
   */
  public static Future<Void> addIfNew(Vertx vertx, Bus bus, ShopConfig config, DemoClock clock) {
    DemoShopSettings settings = DemoShopSettings.from(config);
    if (!settings.hasAdmin()) {
      log.warn("no demo customers or orders: the demo shop acts as the administrator, and SHOP_ADMIN_EMAIL or "
          + "SHOP_ADMIN_PASSWORD is not set");
      return Future.succeededFuture();
    }
    return hasOrders(vertx, settings.orderDatabaseUrl()).compose(hasOrders -> hasOrders ? Future.succeededFuture()
        : new DemoShop(vertx, bus, clock, settings).make());
  }

  private static Future<Boolean> hasOrders(Vertx vertx, String url) {
    return PgConnection.connect(vertx, Database.connectOptions(url))
        .compose(connection -> connection.query("SELECT EXISTS (SELECT 1 FROM orders)").execute()
            .map(rows -> rows.iterator().next().getBoolean(0))
            .eventually(connection::close));
  }

  private Future<Void> make() {
    long started = System.nanoTime();
    Runnable busRequestsLoggedAgain = quietBusRequests();
    LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    return signInAdmin()
        .compose(v -> catalogue())
        .compose(products -> {
          if (products.isEmpty()) {
            log.warn("no demo customers or orders: no product is in stock");
            return Future.succeededFuture();
          }
          DemoPlan plan = DemoPlan.make(SEED, lastDay, products, settings.transfers());
          return run(plan.steps(), 0).onSuccess(done -> report(lastDay, started));
        })
        .andThen(done -> {
          clock.backToPresent();
          busRequestsLoggedAgain.run();
        })
        .recover(failure -> Future.failedFuture(new IllegalStateException(failure.getMessage()
            + " (what was made stays; SHOP_DEMO_DATA=false starts without the demo shop)", failure)));
  }

  /**
   * The replay's thousands of bus requests would bury the start's log (one INFO line each, logger
   * {@code bus}): they are logged at WARN and above while it runs, and its summary line says what
   * was made. Nothing else sends requests then: the gateway does not listen yet.
   */
  private static Runnable quietBusRequests() {
    if (!(LoggerFactory.getLogger("bus") instanceof ch.qos.logback.classic.Logger busLog)) {
      return () -> { };
    }
    ch.qos.logback.classic.Level before = busLog.getLevel();
    busLog.setLevel(ch.qos.logback.classic.Level.WARN);
    return () -> busLog.setLevel(before);
  }

  private Future<Void> signInAdmin() {
    JsonObject credentials = new JsonObject().put("email", settings.adminEmail())
        .put("password", settings.adminPassword());
    return send(UserSubjects.AUTH_LOGIN, credentials, Caller.ANONYMOUS, "sign in as the administrator")
        .map(reply -> {
          admin = Caller.user(reply.getJsonObject("user").getString("id"), Role.ADMIN);
          return null;
        });
  }

  /** The products in stock (a page of them) the demo sells. */
  private Future<List<Product>> catalogue() {
    JsonObject query = new JsonObject().put("inStock", "true").put("pageSize", "100");
    return send(ProductSubjects.PRODUCT_LIST, query, Caller.ANONYMOUS, "list the products in stock")
        .map(page -> page.getJsonArray("products").stream().map(JsonObject.class::cast)
            .map(product -> new Product(product.getString("id"), product.getInteger("stock")))
            .toList());
  }

  /** The steps from {@code index} on, one after the other. */
  private Future<Void> run(List<Step> steps, int index) {
    if (index == steps.size()) {
      return Future.succeededFuture();
    }
    Step step = steps.get(index);
    clock.travelTo(step.at());
    return perform(step).compose(v -> run(steps, index + 1));
  }

  private Future<Void> perform(Step step) {
    return switch (step.action()) {
      case SIGN_UP -> signUp(step.customer());
      case CHECKOUT -> checkout(step.order());
      case TRANSFER_RECEIVED -> transferReceived(step.order());
      case CONFIRM -> moveTo(step.order(), "PAID");
      case SHIP -> moveTo(step.order(), "SHIPPED");
      case DELIVER -> deliver(step.order());
      case CANCEL_BY_CUSTOMER -> cancel(step.order(), accounts.get(step.customer()).caller(), step.reason());
      case CANCEL_BY_SHOP -> cancel(step.order(), admin, step.reason());
    };
  }

  /**
   * Registers the customer and adds their address. A customer a first start already signed up
   * (it stopped before its first order) signs in instead, and keeps the address they have.
   */
  private Future<Void> signUp(Customer customer) {
    JsonObject registration = new JsonObject().put("email", customer.email()).put("password", PASSWORD)
        .put("fullName", customer.fullName()).put("phone", customer.phone());
    JsonObject credentials = new JsonObject().put("email", customer.email()).put("password", PASSWORD);
    String what = "register " + customer.email();
    return request(UserSubjects.AUTH_REGISTER, registration, Caller.ANONYMOUS)
        .recover(failure -> failure instanceof ShopException taken && taken.status() == 409
            ? request(UserSubjects.AUTH_LOGIN, credentials, Caller.ANONYMOUS)
            : Future.failedFuture(failure))
        .recover(failure -> Future.failedFuture(failed(what, UserSubjects.AUTH_REGISTER, failure)))
        .compose(signedIn -> {
          Caller caller = Caller.user(signedIn.bodyAsObject().getJsonObject("user").getString("id"), Role.CUSTOMER);
          return address(customer, caller).map(addressId -> {
            accounts.put(customer, new Account(caller, addressId));
            return null;
          });
        });
  }

  /** The id of the customer's address: the one they have, else a new one. */
  private Future<String> address(Customer customer, Caller caller) {
    String what = "add an address of " + customer.email();
    return request(UserSubjects.ADDRESS_LIST_BY_USER, new JsonObject(), caller)
        .recover(failure -> Future.failedFuture(failed(what, UserSubjects.ADDRESS_LIST_BY_USER, failure)))
        .compose(list -> {
          JsonArray existing = list.bodyAsArray();
          if (!existing.isEmpty()) {
            return Future.succeededFuture(existing.getJsonObject(0).getString("id"));
          }
          JsonObject address = new JsonObject().put("fullName", customer.fullName()).put("phone", customer.phone())
              .put("street", customer.street()).put("ward", customer.ward()).put("district", customer.district())
              .put("city", customer.city());
          return send(UserSubjects.ADDRESS_CREATE, address, caller, what).map(added -> added.getString("id"));
        });
  }

  /** Checkout, of the cart or of the items, then the payment asked for. */
  private Future<Void> checkout(Order order) {
    Account account = accounts.get(order.customer());
    JsonObject request = new JsonObject().put("addressId", account.addressId());
    Future<Void> ready = Future.succeededFuture();
    if (order.fromCart()) {
      for (Line line : order.lines()) {
        ready = ready.compose(v -> send(CartSubjects.ADD_ITEM, item(line), account.caller(),
            "put a product in the cart of order " + order.number()).mapEmpty());
      }
    } else {
      JsonArray items = new JsonArray();
      order.lines().forEach(line -> items.add(item(line)));
      request.put("items", items);
    }
    return ready
        .compose(v -> send(OrderSubjects.CREATE, request, account.caller(), "place order " + order.number()))
        .compose(created -> {
          placed.put(order, new Placed(created.getString("id"), created.getLong("totalInt")));
          JsonObject payment = new JsonObject().put("orderId", created.getString("id")).put("method", order.method());
          return send(PaymentSubjects.PROCESS, payment, account.caller(), "pay order " + order.number());
        })
        .mapEmpty();
  }

  private static JsonObject item(Line line) {
    return new JsonObject().put("productId", line.product().id()).put("quantity", line.quantity());
  }

  /**
   * The bank's notice of the transfer, signed with the webhook's secret as the provider signs it,
   * sent as the gateway sends it (the raw body and the signature header, no caller); the order is
   * PAID once payment.succeeded has reached the order service.
   */
  private Future<Void> transferReceived(Order order) {
    Placed placedOrder = placed.get(order);
    JsonObject notice = new JsonObject().put("orderId", placedOrder.id).put("payload", new JsonObject()
        .put("transactionId", "DEMO-FT" + String.format("%08d", order.number()))
        .put("amountInt", placedOrder.totalInt)
        .put("status", "SUCCESS"));
    byte[] raw = notice.encode().getBytes(StandardCharsets.UTF_8);
    JsonObject request = new JsonObject().put("rawBody", Base64.getEncoder().encodeToString(raw))
        .put("signature", bank.header(raw));
    return send(PaymentSubjects.VERIFY, request, Caller.ANONYMOUS, "notify the transfer of order " + order.number())
        .compose(v -> until(() -> orderStatus(placedOrder).map("PAID"::equals),
            "order " + order.number() + " PAID after its payment succeeded"))
        .onSuccess(v -> {
          placedOrder.status = "PAID";
          placedOrder.paidByTransfer = true;
        });
  }

  private Future<Void> moveTo(Order order, String status) {
    Placed placedOrder = placed.get(order);
    JsonObject request = new JsonObject().put("id", placedOrder.id).put("changes", new JsonObject().put("status", status));
    return send(OrderSubjects.UPDATE_STATUS, request, admin, "move order " + order.number() + " to " + status)
        .map(moved -> {
          placedOrder.status = status;
          return null;
        });
  }

  /** Delivered; cash on delivery is collected once the payment service has seen it. */
  private Future<Void> deliver(Order order) {
    Future<Void> delivered = moveTo(order, "DELIVERED");
    if (!order.method().equals(DemoPlan.COD)) {
      return delivered;
    }
    return delivered.compose(v -> until(() -> paymentStatus(placed.get(order)).map("SUCCESS"::equals),
        "cash of order " + order.number() + " collected on delivery"));
  }

  /** Cancelled; its payment is refunded if it was paid, else failed, once the payment service has seen it. */
  private Future<Void> cancel(Order order, Caller by, String reason) {
    Placed placedOrder = placed.get(order);
    String expected = placedOrder.paidByTransfer ? "REFUNDED" : "FAILED";
    JsonObject request = new JsonObject().put("id", placedOrder.id).put("changes", new JsonObject().put("reason", reason));
    return send(OrderSubjects.CANCEL, request, by, "cancel order " + order.number())
        .compose(v -> until(() -> paymentStatus(placedOrder).map(expected::equals),
            "payment of cancelled order " + order.number() + " " + expected))
        .onSuccess(v -> placedOrder.status = "CANCELLED");
  }

  private Future<String> orderStatus(Placed order) {
    return send(OrderSubjects.GET, new JsonObject().put("id", order.id), admin, "read an order")
        .map(read -> read.getString("status"));
  }

  private Future<String> paymentStatus(Placed order) {
    return send(PaymentSubjects.GET_BY_ORDER, new JsonObject().put("orderId", order.id), admin, "read a payment")
        .map(read -> read.getString("status"));
  }

  /** Asks {@code check} until it says yes; fails after {@link #CONSEQUENCE_WAIT}, saying what did not happen. */
  private Future<Void> until(Supplier<Future<Boolean>> check, String what) {
    long deadline = System.nanoTime() + CONSEQUENCE_WAIT.toNanos();
    Promise<Void> happened = Promise.promise();
    poll(check, what, deadline, happened);
    return happened.future();
  }

  private void poll(Supplier<Future<Boolean>> check, String what, long deadline, Promise<Void> happened) {
    check.get().onComplete(checked -> {
      if (checked.failed()) {
        happened.fail(checked.cause());
      } else if (checked.result()) {
        happened.complete();
      } else if (System.nanoTime() > deadline) {
        happened.fail(new IllegalStateException("demo shop: " + what + " did not happen within "
            + CONSEQUENCE_WAIT.toSeconds() + " s: the event pipeline did not deliver"));
      } else {
        vertx.setTimer(POLL_MS, timer -> poll(check, what, deadline, happened));
      }
    });
  }

  /** A bus request as the gateway makes it for {@code caller}: its JSON object; fails naming {@code what} it was for. */
  private Future<JsonObject> send(String subject, JsonObject body, Caller caller, String what) {
    return request(subject, body, caller)
        .map(BusReply::bodyAsObject)
        .recover(failure -> Future.failedFuture(failed(what, subject, failure)));
  }

  private Future<BusReply> request(String subject, JsonObject body, Caller caller) {
    return bus.request(subject, body, RequestMeta.of(caller, "demo-shop-" + (++requests)));
  }

  private static IllegalStateException failed(String what, String subject, Throwable failure) {
    return new IllegalStateException("demo shop: could not " + what + " (" + subject + "): " + failure.getMessage(),
        failure);
  }

  private void report(LocalDate lastDay, long started) {
    Map<String, Integer> byStatus = new TreeMap<>();
    placed.values().forEach(order -> byStatus.merge(order.status, 1, Integer::sum));
    long transfers = placed.keySet().stream().filter(order -> order.method().equals(DemoPlan.TRANSFER)).count();
    long refunded = placed.values().stream()
        .filter(order -> order.paidByTransfer && order.status.equals("CANCELLED")).count();
    LoggingEventBuilder line = log.atInfo()
        .addKeyValue("customers", accounts.size())
        .addKeyValue("orders", placed.size());
    byStatus.forEach((status, count) -> line.addKeyValue(status.toLowerCase(), count));
    line.addKeyValue("cashOnDelivery", placed.size() - transfers)
        .addKeyValue("bankTransfer", transfers)
        .addKeyValue("refunded", refunded)
        .addKeyValue("ordersFrom", lastDay.minusDays(DemoPlan.ORDER_DAYS - 1))
        .addKeyValue("ordersTo", lastDay)
        .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
        .log("demo shop made (SHOP_DEMO_DATA): customers and orders of the last weeks");
  }
}
