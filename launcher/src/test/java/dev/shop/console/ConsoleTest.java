package dev.shop.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.TestSettings;
import dev.shop.e2e.BusKind;
import dev.shop.e2e.Http;
import dev.shop.e2e.RunningPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in headless Chromium against a running platform: what an operator sees,
 * and what the API says afterwards. Every page is screenshotted at 1440 and 360 px wide (build
 * output in target/console-screenshots), must not scroll sideways at 360 px and has a label for
 * each control; no scenario may leave a script error or a CSP refusal in the browser's console.
 * The scenarios share the browser (one per class) and the platform (one per test JVM), so each
 * makes its own customers and products.
 */
class ConsoleTest {

  private static final RunningPlatform platform = RunningPlatform.shared(BusKind.LOCAL);
  private static final Http api = platform.http();

  @RegisterExtension
  static final ConsoleBrowser browser = new ConsoleBrowser(platform);

  private static String adminToken;

  @BeforeAll
  static void logAdminIn() {
    adminToken = api.adminToken();
  }

  @AfterEach
  void noScriptErrors() {
    browser.assertNoScriptErrors();
  }

  @Test
  void theApiDocumentationRendersBesideTheConsole() {
    browser.open("/docs/");
    browser.await("#swagger-ui .opblock");
    assertThat(browser.driver().findElements(By.cssSelector("#swagger-ui .opblock"))).hasSizeGreaterThan(20);
    browser.screenshot("docs");
  }

  @Test
  void anAdministratorSignsInACustomerAndAWrongPasswordAreRefused() {
    Customer customer = customer("signin");
    signedOut();
    browser.checkAtBothWidths("signin");

    submitSignIn(customer.email(), customer.password());
    browser.awaitTextContaining("#signin-message", "This console is for administrators.");
    browser.awaitPage("signin");
    assertThat(refreshTokenKept()).as("a refused customer keeps no session").isNull();

    submitSignIn(TestSettings.ADMIN_EMAIL, "not-the-password");
    browser.awaitTextContaining("#signin-message", "The email or password is not right.");
    assertThat(refreshTokenKept()).isNull();
    Http.Response refused = api.post("/auth/login", new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
        .put("password", "not-the-password"), null);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().getString("message")).isEqualTo("Invalid email or password");

    // From the keyboard on a fresh sign-in page: the email field has the focus, Tab to the password, Enter.
    browser.driver().navigate().refresh();
    browser.awaitPage("signin");
    browser.awaitScript("document.activeElement?.id === 'signin-email'");
    browser.driver().switchTo().activeElement().sendKeys(TestSettings.ADMIN_EMAIL, Keys.TAB);
    browser.driver().switchTo().activeElement().sendKeys(TestSettings.ADMIN_PASSWORD, Keys.ENTER);
    browser.await("#signout");
    browser.awaitScript("location.hash === '#/dashboard'");
    assertThat(browser.await("#whoami").getText()).isEqualTo(TestSettings.ADMIN_EMAIL);
    // A reload keeps the session (its refresh token, in this tab's sessionStorage only).
    browser.driver().navigate().refresh();
    browser.await("#signout");
    String refreshToken = refreshTokenKept();
    assertThat(refreshToken).as("the session's refresh token, in this tab's sessionStorage").isNotNull();
    assertThat((String) browser.script("return Object.values(window.localStorage).join(' ');"))
        .as("nothing of the session where other tabs read it").doesNotContain(refreshToken);

    browser.driver().findElement(By.id("signout")).click();
    browser.awaitPage("signin");
    assertThat(refreshTokenKept()).isNull();
    assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
    // The page leaves at once; the revocation is sent behind it.
    browser.awaitScript("performance.getEntriesByType('resource')"
        + ".some(e => e.name.endsWith('/auth/logout') && e.responseEnd > 0)");
    assertThat(api.post("/auth/refresh", new JsonObject().put("refreshToken", refreshToken), null).status())
        .as("signing out revoked the refresh token").isEqualTo(401);
  }

  @Test
  void theDashboardShowsTheReportsOfTheChosenRange() {
    // A paid order of this test's customer, so that the range has figures, a top product and a cohort.
    Customer customer = customer("dashboard");
    moveOrder(pendingOrder(customer, product(2, 1_250_000)).getString("id"), "PAID");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String from = today.minusDays(6).toString();
    String to = today.toString();
    String range = "?fromAt=" + from + "&toAt=" + to;
    assertThat(browser.eventually(() -> !report("/reports/product-performance" + range).getJsonArray("products")
        .isEmpty())).as("the reports show the paid order").isTrue();

    signIn();
    setDate("#range-from", from);
    setDate("#range-to", to);
    browser.driver().findElement(By.id("range-apply")).click();
    browser.awaitScript("location.hash === '#/dashboard?from=" + from + "&to=" + to + "'");
    // Reports follow events, and other tests' may still be arriving: until the page agrees with the
    // API, it is drawn again (Apply), as an operator would.
    browser.eventually(() -> {
      boolean same = dashboardShown().equals(dashboardOf(range));
      if (!same && isDashboardReady()) {
        browser.driver().findElement(By.id("range-apply")).click();
      }
      return same;
    });
    browser.awaitPage("dashboard");
    assertThat(dashboardShown()).isEqualTo(dashboardOf(range));
    assertThat(report("/reports/sales-summary" + range).getLong("paidOrders")).isPositive();
    assertThat(browser.driver().findElements(By.cssSelector("#cohorts tr[data-cohort]"))).isNotEmpty();
    browser.await("#chart-sales canvas");
    browser.await("#chart-products canvas");
    browser.checkAtBothWidths("dashboard");
  }

  @Test
  void anOrderIsMovedFromPendingToDeliveredAndAnotherCancelledAfterARaceFromItsPage() {
    Customer customer = customer("orders");
    JsonObject product = product(10, 480_000);
    String delivered = pendingOrder(customer, product).getString("id");
    String cancelled = pendingOrder(customer, product).getString("id");

    signIn();
    browser.open("/admin/#/orders");
    browser.awaitPage("orders");
    type("#orders-customer", customer.email());
    browser.driver().findElement(By.id("orders-apply")).click();
    browser.awaitScript("location.hash.includes('customer=') && document.querySelectorAll("
        + "\"section[data-page=orders][data-state=ready] tr[data-order-id]\").length === 2");
    browser.await("tr[data-order-id='" + delivered + "']");
    browser.await("tr[data-order-id='" + cancelled + "']");
    browser.checkAtBothWidths("orders");

    browser.driver().findElement(By.cssSelector("tr[data-order-id='" + delivered + "'] a")).click();
    browser.awaitScript("location.hash === '#/orders/" + delivered + "'");
    browser.awaitPage("order");
    assertStatus(delivered, "PENDING");
    assertThat(transitionsOffered()).containsExactly("PAID");
    assertThat(cancelOffered()).isTrue();
    browser.checkAtBothWidths("order");
    for (String next : List.of("PAID", "SHIPPED", "DELIVERED")) {
      browser.driver().findElement(By.cssSelector("button[data-transition=" + next + "]")).click();
      browser.await("[data-field=status][data-value=" + next + "]");
      browser.awaitPage("order");
      assertStatus(delivered, next);
      assertThat(transitionsOffered()).as("moves offered from " + next).containsExactlyElementsOf(switch (next) {
        case "PAID" -> List.of("SHIPPED");
        case "SHIPPED" -> List.of("DELIVERED");
        default -> List.of();
      });
      assertThat(cancelOffered()).as("cancel offered from " + next).isEqualTo(next.equals("PAID"));
    }
    browser.screenshot("order-delivered");
    assertThat(historyShown()).containsExactly("PENDING", "PAID", "SHIPPED", "DELIVERED")
        .isEqualTo(historyOf(delivered).stream().map(entry -> entry.getString("status")).toList());

    // Someone else pays the order while its page is open: the console's move is a 409, said plainly.
    browser.open("/admin/#/orders/" + cancelled);
    browser.await("[data-field=status][data-value=PENDING]");
    browser.awaitPage("order");
    moveOrder(cancelled, "PAID");
    browser.driver().findElement(By.cssSelector("button[data-transition=PAID]")).click();
    browser.await("[data-field=status][data-value=PAID]");
    browser.awaitTextContaining("#order-message", "This order changed meanwhile: it is now Paid.");
    assertThat(transitionsOffered()).containsExactly("SHIPPED");

    type("#cancel-reason", "Customer asked by phone");
    browser.driver().findElement(By.id("cancel-submit")).click();
    browser.acceptConfirmation();
    browser.await("[data-field=status][data-value=CANCELLED]");
    browser.awaitPage("order");
    assertStatus(cancelled, "CANCELLED");
    assertThat(transitionsOffered()).isEmpty();
    assertThat(cancelOffered()).isFalse();
    assertThat(historyShown()).containsExactly("PENDING", "PAID", "CANCELLED");
    assertThat(historyOf(cancelled).get(2).getString("reason")).isEqualTo("Customer asked by phone");
    assertThat(browser.driver().findElement(By.cssSelector("#order-history li[data-status=CANCELLED]")).getText())
        .contains("Customer asked by phone");
  }

  @Test
  void aProductIsCreatedAfterItsFieldErrorsAndItsStockAdjusted() {
    String token = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    JsonObject taken = product(1, 99_000);
    String sku = "CONSOLE-" + token.toUpperCase(Locale.ROOT);
    String name = "Console lamp " + token;
    // A long category name makes the category selects as wide as it: they must still fit 360 px.
    category("Console category whose name is far wider than a phone's screen, to test the layout " + token, null);

    signIn();
    browser.open("/admin/#/products/new");
    browser.awaitPage("product-form");
    browser.checkAtBothWidths("product-form", "product-new");
    type("#product-sku", taken.getString("sku"));
    type("#product-name", name);
    type("#product-priceInt", "-5");
    type("#product-stock", "4");
    // The API's field errors, one at a time as it finds them: the price (400), then the taken sku (409).
    browser.driver().findElement(By.id("product-save")).click();
    assertFieldError("priceInt");
    type("#product-priceInt", "350000");
    browser.driver().findElement(By.id("product-save")).click();
    assertFieldError("sku");
    assertThat(browser.driver().findElement(By.id("product-sku-error")).getText()).contains("already in use");
    browser.screenshot("product-field-error");
    assertThat(api.get("/products?search=" + token, null).json().getJsonArray("products")).isEmpty();

    type("#product-sku", sku);
    browser.driver().findElement(By.id("product-save")).click();
    browser.awaitScript("/^#\\/products\\/[0-9a-f-]{36}/.test(location.hash)");
    browser.await("[data-field=stock]");
    browser.awaitPage("product-form");
    JsonArray found = api.get("/products?search=" + token, null).json().getJsonArray("products");
    assertThat(found).hasSize(1);
    JsonObject created = found.getJsonObject(0);
    String id = created.getString("id");
    assertThat((String) browser.script("return location.hash;")).startsWith("#/products/" + id);
    assertThat(List.of(created.getString("sku"), created.getString("name"), created.getLong("priceInt"),
        created.getInteger("stock"))).containsExactly(sku, name, 350_000L, 4);
    browser.checkAtBothWidths("product-form", "product-edit");

    for (int delta : new int[] {7, -3}) {
      int before = stockOf(id);
      type("#stock-delta", String.valueOf(delta));
      browser.driver().findElement(By.id("stock-apply")).click();
      browser.await("[data-field=stock][data-value='" + (before + delta) + "']");
      assertThat(stockOf(id)).isEqualTo(before + delta);
    }

    // Low stock first: this test's two products in the API's order for stock_asc.
    product(0, 10_000, "Console lamp " + token + " spare");
    browser.open("/admin/#/products");
    browser.awaitPage("products");
    type("#products-search", token);
    new Select(browser.driver().findElement(By.id("products-sort"))).selectByValue("stock_asc");
    browser.driver().findElement(By.id("products-apply")).click();
    browser.awaitScript("document.querySelectorAll('tr[data-product-id]').length === 2"
        + " && location.hash.includes('stock_asc')");
    browser.awaitPage("products");
    List<String> shown = browser.driver().findElements(By.cssSelector("tr[data-product-id]")).stream()
        .map(row -> row.getDomAttribute("data-product-id")).toList();
    assertThat(shown).hasSize(2).contains(id).isEqualTo(ids(api.get("/products?search=" + token + "&sort=stock_asc",
        adminToken).json().getJsonArray("products")));
    browser.checkAtBothWidths("products");
  }

  @Test
  void theCategoryTreeShowsTheCatalogueCategories() {
    String token = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    JsonObject parent = category("Console lights " + token, null);
    JsonObject child = category("Console lamps " + token, parent.getString("id"));
    signIn();
    browser.open("/admin/#/categories");
    browser.awaitPage("categories");
    browser.await("li[data-category-id='" + parent.getString("id") + "']");
    assertThat(browser.driver().findElements(By.cssSelector("li[data-category-id='" + parent.getString("id")
        + "'] li[data-category-id='" + child.getString("id") + "']"))).as("the child inside its parent").hasSize(1);
    browser.checkAtBothWidths("categories");
  }

  @Test
  void aDeactivatedCustomerCannotLogInUntilReactivated() {
    Customer customer = customer("leaver");
    signIn();
    browser.open("/admin/#/customers");
    browser.awaitPage("customers");
    type("#customers-search", customer.email());
    browser.driver().findElement(By.id("customers-apply")).click();
    browser.await("tr[data-user-id='" + customer.id() + "'] a").click();
    browser.awaitScript("location.hash === '#/customers/" + customer.id() + "'");
    browser.awaitPage("customer");
    assertThat(browser.await("[data-field=isActive]").getDomAttribute("data-value")).isEqualTo("true");
    browser.checkAtBothWidths("customer");

    browser.driver().findElement(By.id("customer-deactivate")).click();
    browser.acceptConfirmation();
    browser.await("#customer-reactivate");
    assertThat(browser.await("[data-field=isActive]").getDomAttribute("data-value")).isEqualTo("false");
    Http.Response refused = login(customer);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().getString("message")).isEqualTo("Account is deactivated");
    assertThat(api.get("/users/" + customer.id(), adminToken).json().getBoolean("isActive")).isFalse();

    browser.driver().findElement(By.id("customer-reactivate")).click();
    browser.acceptConfirmation();
    browser.await("#customer-deactivate");
    assertThat(browser.await("[data-field=isActive]").getDomAttribute("data-value")).isEqualTo("true");
    assertThat(login(customer).status()).isEqualTo(200);

    browser.open("/admin/#/customers?search=" + customer.email());
    browser.awaitPage("customers");
    browser.await("tr[data-user-id='" + customer.id() + "']");
    browser.checkAtBothWidths("customers");
  }

  @Test
  void thePlatformPageShowsEveryServiceAndTheEventPipeline() {
    signIn();
    browser.open("/admin/#/platform");
    browser.awaitPage("platform");
    browser.await("#platform-health[data-state=ready]");
    browser.await("#platform-events[data-state=ready]");
    for (String service : api.get("/health", null).json().getJsonObject("services").fieldNames()) {
      assertThat(browser.await("tr[data-service='" + service + "'] [data-status]").getDomAttribute("data-status"))
          .as(service).isEqualTo("UP");
    }
    JsonArray pipeline = api.get("/admin/events", adminToken).json().getJsonArray("services");
    assertThat(pipeline).isNotEmpty();
    for (int i = 0; i < pipeline.size(); i++) {
      browser.await("tr[data-events-service='" + pipeline.getJsonObject(i).getString("service") + "']");
    }
    browser.checkAtBothWidths("platform");
  }

  @Test
  void vietnameseShowsVietnameseTexts() {
    signIn();
    new Select(browser.driver().findElement(By.id("lang"))).selectByValue("vi");
    try {
      browser.awaitText("a[data-nav=orders]", "Đơn hàng");
      browser.awaitText("a[data-nav=customers]", "Khách hàng");
      browser.awaitPage("dashboard");
      assertThat(browser.driver().findElement(By.cssSelector("section[data-page=dashboard] h1")).getText())
          .isEqualTo("Tổng quan");
      assertThat((String) browser.script("return document.documentElement.lang;")).isEqualTo("vi");
      browser.checkAtBothWidths("dashboard", "dashboard-vi");
    } finally {
      // The choice is kept in localStorage: the other scenarios read English.
      new Select(browser.driver().findElement(By.id("lang"))).selectByValue("en");
    }
    browser.awaitText("a[data-nav=orders]", "Orders");
    browser.awaitPage("dashboard");
  }

  // --- the browser ---

  /** The console's sign-in, signed out first where this tab has a session. */
  private static void signedOut() {
    browser.open("/admin/");
    browser.await("section[data-page][data-state=ready]");
    if (browser.driver().findElements(By.cssSelector("section[data-page=signin]")).isEmpty()) {
      browser.driver().findElement(By.id("signout")).click();
    }
    browser.awaitPage("signin");
  }

  /**
   * On the dashboard of a freshly loaded console, signed in as the administrator (signing in only
   * when the tab has no session).
   */
  private static void signIn() {
    browser.open("/admin/");
    browser.await("section[data-page=signin], section[data-page=dashboard]");
    if (!browser.driver().findElements(By.cssSelector("section[data-page=signin]")).isEmpty()) {
      submitSignIn(TestSettings.ADMIN_EMAIL, TestSettings.ADMIN_PASSWORD);
    }
    browser.awaitPage("dashboard");
  }

  private static void submitSignIn(String email, String password) {
    browser.awaitPage("signin");
    type("#signin-email", email);
    type("#signin-password", password);
    browser.driver().findElement(By.id("signin-submit")).click();
  }

  /** The refresh token this tab keeps (session.js keeps it in sessionStorage), or null. */
  private static String refreshTokenKept() {
    return (String) browser.script("return window.sessionStorage.getItem('shop.console.refresh');");
  }

  private static void type(String css, String text) {
    WebElement input = browser.await(css);
    input.clear();
    input.sendKeys(text);
  }

  /** Sets a date input as a picker would (its typed form depends on the browser's locale). */
  private static void setDate(String css, String isoDate) {
    browser.script("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
        + " e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
        css, isoDate);
  }

  private static boolean cancelOffered() {
    return browser.driver().findElements(By.id("cancel-submit")).stream().anyMatch(WebElement::isDisplayed);
  }

  private static List<String> historyShown() {
    return browser.driver().findElements(By.cssSelector("#order-history li")).stream()
        .map(entry -> entry.getDomAttribute("data-status")).toList();
  }

  /** The API's error for {@code field} is shown beside it, and the field points at it. */
  private static void assertFieldError(String field) {
    String error = "product-" + field + "-error";
    browser.awaitScript("document.getElementById('" + error + "')?.textContent.trim().length > 0");
    WebElement input = browser.driver().findElement(By.id("product-" + field));
    assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(input.getDomAttribute("aria-describedby")).contains(error);
    assertThat(browser.driver().findElement(By.id(error)).isDisplayed()).isTrue();
  }

  private static boolean isDashboardReady() {
    return !browser.driver().findElements(By.cssSelector("section[data-page=dashboard][data-state=ready]")).isEmpty();
  }

  /**
   * What the dashboard shows: each figure's raw value, then each cohort row as its month and its
   * users, buyers and orders as displayed (empty while it is not ready).
   */
  private static List<String> dashboardShown() {
    @SuppressWarnings("unchecked")
    List<String> shown = (List<String>) browser.script("""
        const section = document.querySelector('section[data-page=dashboard][data-state=ready]');
        if (!section) return [];
        const figures = [...section.querySelectorAll('[data-figure]')]
            .map(e => e.dataset.figure + '=' + e.dataset.value);
        const cohorts = [...section.querySelectorAll('#cohorts tr[data-cohort]')].map(row => row.dataset.cohort + ' '
            + [...row.querySelectorAll('td')].slice(0, 3).map(td => td.textContent.trim()).join(' '));
        return figures.concat(cohorts);
        """);
    return shown;
  }

  /** What the dashboard should show for {@code range}, from the report API. */
  private static List<String> dashboardOf(String range) {
    JsonObject summary = report("/reports/sales-summary" + range);
    List<String> expected = new ArrayList<>(Stream.of("totalOrders", "paidOrders", "cancelledOrders",
        "grossRevenueInt", "averageOrderValueInt").map(figure -> figure + "=" + summary.getLong(figure)).toList());
    report("/reports/user-cohort" + range).getJsonArray("cohorts").stream().map(JsonObject.class::cast)
        .map(cohort -> cohort.getString("cohort") + " " + grouped(cohort.getLong("users")) + " "
            + grouped(cohort.getLong("buyers")) + " " + grouped(cohort.getLong("orders")))
        .forEach(expected::add);
    return expected;
  }

  /** A count as the console shows it in English (en-US grouping). */
  private static String grouped(long count) {
    return String.format(Locale.US, "%,d", count);
  }

  private static List<String> transitionsOffered() {
    return browser.driver().findElements(By.cssSelector("button[data-transition]")).stream()
        .filter(WebElement::isDisplayed).filter(WebElement::isEnabled)
        .map(button -> button.getDomAttribute("data-transition")).toList();
  }

  /** The order page and the API agree on the order's status. */
  private static void assertStatus(String orderId, String status) {
    assertThat(browser.driver().findElement(By.cssSelector("[data-field=status]")).getDomAttribute("data-value"))
        .isEqualTo(status);
    assertThat(api.get("/orders/" + orderId, adminToken).json().getString("status")).isEqualTo(status);
  }

  // --- the API ---

  private record Customer(String id, String email, String password) {
  }

  private static Customer customer(String name) {
    String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Http.Response response = api.post("/auth/register", new JsonObject().put("email", email)
        .put("password", "password-" + name).put("fullName", "Console " + name), null);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return new Customer(response.json().getJsonObject("user").getString("id"), email, "password-" + name);
  }

  private static Http.Response login(Customer customer) {
    return api.post("/auth/login", new JsonObject().put("email", customer.email()).put("password", customer.password()),
        null);
  }

  private static JsonObject product(int stock, long priceInt) {
    return product(stock, priceInt, "Console product " + UUID.randomUUID().toString().substring(0, 8));
  }

  private static JsonObject product(int stock, long priceInt, String name) {
    Http.Response response = api.post("/products", new JsonObject()
        .put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 13))
        .put("name", name).put("priceInt", priceInt).put("stock", stock), adminToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  /** The customer, signed in, checks out one unit of {@code product} to a new address of theirs. */
  private static JsonObject pendingOrder(Customer customer, JsonObject product) {
    String token = login(customer).json().getString("accessToken");
    Http.Response address = api.post("/addresses", new JsonObject().put("fullName", "Trần Thị B")
        .put("phone", "0901234567").put("street", "1 Lê Lợi").put("ward", "Phường Bến Nghé")
        .put("district", "Quận 1").put("city", "Hồ Chí Minh"), token);
    assertThat(address.status()).as(address.toString()).isEqualTo(201);
    Http.Response order = api.post("/orders", new JsonObject()
        .put("items", new JsonArray().add(new JsonObject().put("productId", product.getString("id")).put("quantity", 1)))
        .put("addressId", address.json().getString("id")), token);
    assertThat(order.status()).as(order.toString()).isEqualTo(201);
    return order.json();
  }

  private static JsonObject category(String name, String parentId) {
    Http.Response response = api.post("/categories", new JsonObject().put("name", name).put("parentId", parentId),
        adminToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  /** The order's status history as the administrators' API gives it, oldest first. */
  private static List<JsonObject> historyOf(String orderId) {
    JsonArray history = api.get("/admin/orders/" + orderId, adminToken).json().getJsonArray("history");
    return history.stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  private static void moveOrder(String orderId, String status) {
    Http.Response response = api.put("/orders/" + orderId + "/status", new JsonObject().put("status", status),
        adminToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  private static int stockOf(String productId) {
    return api.get("/products/" + productId, null).json().getInteger("stock");
  }

  private static JsonObject report(String pathAndQuery) {
    Http.Response response = api.get(pathAndQuery, adminToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }
}
