package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The product service keeps list totals and page ids for a catalogue version: every change that
 * can alter a list must show at once, with exact totals, and the rows of a page are always those
 * of now. Each step reads the same lists before and after the change, so a kept answer that was
 * not dropped would be caught.
 */
abstract class ProductListFreshnessContract extends OrderApiTest {

  private JsonObject searchIn(String extra) {
    return list("/products?search=" + token + extra);
  }

  private long total(String extra) {
    return searchIn(extra).getLong("total");
  }

  @Test
  void creatingRenamingRepricingAndDeletingShowAtOnce() {
    assertThat(total("")).isZero();
    JsonObject product = createProduct(new JsonObject().put("name", "Fresh " + token).put("priceInt", 50_000));
    assertThat(total("")).isEqualTo(1);
    assertThat(total("&minPriceInt=60000")).isZero();

    http.put("/products/" + id(product), new JsonObject().put("priceInt", 70_000), adminToken);
    assertThat(total("&minPriceInt=60000")).isEqualTo(1);
    assertThat(searchIn("").getJsonArray("products").getJsonObject(0).getLong("priceInt")).isEqualTo(70_000L);

    http.put("/products/" + id(product), new JsonObject().put("name", "Renamed " + token + "x"), adminToken);
    assertThat(total("x")).isEqualTo(1);
    assertThat(list("/products?search=fresh%20" + token).getLong("total")).isZero();

    JsonObject second = createProduct(new JsonObject().put("name", "Second " + token).put("priceInt", 10_000));
    assertThat(ids(searchIn("&sort=price_asc"), "products")).containsExactly(id(second), id(product));
    assertThat(http.delete("/products/" + id(second), adminToken).status()).isEqualTo(200);
    assertThat(ids(searchIn("&sort=price_asc"), "products")).containsExactly(id(product));
    assertThat(total("")).isEqualTo(1);
  }

  @Test
  void stockThatReachesZeroOrComesBackChangesTheInStockList() {
    JsonObject product = createProduct(new JsonObject().put("name", "Stocked " + token).put("stock", 2));
    assertThat(total("&inStock=true")).isEqualTo(1);

    // A checkout that takes the last units: the product leaves the in-stock list.
    Session buyer = register("lastunits");
    JsonObject order = order(buyer, items(line(product, 2)));
    assertThat(total("&inStock=true")).isZero();
    assertThat(total("")).isEqualTo(1);
    assertThat(searchIn("").getJsonArray("products").getJsonObject(0).getInteger("stock")).isZero();

    // Cancelled: the stock comes back, and so does the product.
    assertThat(http.put("/orders/" + order.getString("id") + "/cancel", null, buyer.accessToken()).status())
        .isEqualTo(200);
    assertThat(total("&inStock=true")).isEqualTo(1);

    // An administrator's adjustment to zero and back.
    http.post("/products/" + id(product) + "/stock", new JsonObject().put("delta", -2), adminToken);
    assertThat(total("&inStock=true")).isZero();
    http.post("/products/" + id(product) + "/stock", new JsonObject().put("delta", 5), adminToken);
    assertThat(total("&inStock=true")).isEqualTo(1);
    // A change of stock that stays above zero keeps the list, and the page shows the stock of now.
    Session other = register("onemore");
    order(other, items(line(product, 1)));
    assertThat(searchIn("&inStock=true").getJsonArray("products").getJsonObject(0).getInteger("stock")).isEqualTo(4);
  }

  @Test
  void movingAProductOrACategoryChangesTheCategoryLists() {
    JsonObject shelf = createCategory("Shelf " + token, null);
    JsonObject box = createCategory("Box " + token, null);
    JsonObject product = createProduct(new JsonObject().put("name", "Moved " + token).put("categoryId", id(shelf)));
    String shelfList = "/products?categorySlug=" + shelf.getString("slug");
    String boxList = "/products?categorySlug=" + box.getString("slug");
    assertThat(list(shelfList).getLong("total")).isEqualTo(1);
    assertThat(list(boxList).getLong("total")).isZero();

    http.put("/products/" + id(product), new JsonObject().put("categoryId", id(box)), adminToken);
    assertThat(list(shelfList).getLong("total")).isZero();
    assertThat(ids(list(boxList), "products")).containsExactly(id(product));

    // The box becomes a child of the shelf: the shelf's list includes its descendants.
    http.put("/categories/" + id(box), new JsonObject().put("parentId", id(shelf)), adminToken);
    assertThat(ids(list(shelfList), "products")).containsExactly(id(product));
    assertThat(http.delete("/categories/" + id(box), adminToken).status()).isEqualTo(200);
    assertThat(list(shelfList).getLong("total")).isZero();
    assertThat(list("/products?search=" + token).getJsonArray("products").getJsonObject(0).getValue("categoryId"))
        .isNull();
  }

  @Test
  void pagesOfOneListStayConsistentWhileItIsRead() {
    for (int i = 0; i < 5; i++) {
      createProduct(new JsonObject().put("name", "Paged " + i + " " + token).put("priceInt", 1_000 + i));
    }
    List<String> firstTwo = ids(searchIn("&sort=price_asc&pageSize=2&page=1"), "products");
    List<String> nextTwo = ids(searchIn("&sort=price_asc&pageSize=2&page=2"), "products");
    JsonObject cheapest = createProduct(new JsonObject().put("name", "Paged cheapest " + token).put("priceInt", 1));
    assertThat(ids(searchIn("&sort=price_asc&pageSize=2&page=1"), "products")).containsExactly(id(cheapest),
        firstTwo.get(0));
    assertThat(ids(searchIn("&sort=price_asc&pageSize=2&page=2"), "products")).containsExactly(firstTwo.get(1),
        nextTwo.get(0));
    assertThat(searchIn("&pageSize=2").getLong("totalPages")).isEqualTo(3);
  }

  @Test
  void aPageReadAgainAndAgainShowsEveryLaterWriteOfItsProducts() {
    JsonObject shelf = createCategory("Often " + token, null);
    JsonObject product = createProduct(new JsonObject().put("name", "Often read " + token).put("stock", 10)
        .put("categoryId", id(shelf)));
    String page = "/products?search=" + token + "&sort=name";
    readOften(page); // the service now answers it as it kept it, while nothing is written

    // Writes that leave the list as it is (no member, order or total changes): each shows at once.
    order(register("often"), items(line(product, 3)));
    assertThat(firstProduct(page).getInteger("stock")).isEqualTo(7);
    readOften(page);
    http.post("/products/" + id(product) + "/stock", new JsonObject().put("delta", 5), adminToken);
    assertThat(firstProduct(page).getInteger("stock")).isEqualTo(12);
    readOften(page);
    http.put("/products/" + id(product), new JsonObject().put("imageUrls", List.of("https://img.example/often.png")),
        adminToken);
    assertThat(firstProduct(page).getJsonArray("imageUrls").getString(0)).isEqualTo("https://img.example/often.png");
    readOften(page);
    http.put("/categories/" + id(shelf), new JsonObject().put("description", "Read often"), adminToken);
    assertThat(firstProduct(page).getJsonObject("category").getString("description")).isEqualTo("Read often");
  }

  /** Reads the page until it has been answered as kept (counted by the kept pages' hit meter). */
  private void readOften(String uri) {
    double hitsBefore = keptPageHits();
    JsonObject first = list(uri);
    for (int i = 0; i < 5; i++) {
      assertThat(list(uri)).isEqualTo(first);
    }
    assertThat(keptPageHits()).as("pages answered as kept").isGreaterThan(hitsBefore);
  }

  private double keptPageHits() {
    Matcher hits = Pattern.compile("(?m)^cache_gets_total\\{cache=\"product.pages\",result=\"hit\"} ([0-9.E]+)$")
        .matcher(http.get("/metrics", null).text());
    assertThat(hits.find()).as("the kept pages' hit meter").isTrue();
    return Double.parseDouble(hits.group(1));
  }

  private JsonObject firstProduct(String uri) {
    return list(uri).getJsonArray("products").getJsonObject(0);
  }
}
