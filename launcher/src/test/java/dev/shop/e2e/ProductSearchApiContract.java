package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract's "Catalogue" (openapi.json): the product list's search, filters, orders and pages. */
abstract class ProductSearchApiContract extends CatalogueApiTest {

  @Test
  void searchIgnoresCaseAndAccents() {
    JsonObject phone = createProduct(new JsonObject().put("name", "Điện thoại Zeta " + token));
    JsonObject charger = createProduct(new JsonObject().put("name", "Sạc nhanh " + token)
        .put("description", "Dành cho ĐIỆN THOẠI"));

    assertThat(ids(search("dien thoai zeta " + token), "products")).containsExactly(id(phone));
    assertThat(ids(search("ĐIỆN THOẠI " + token), "products")).containsExactlyInAnyOrder(id(phone), id(charger));
    assertThat(ids(search("SAC NHANH " + token), "products")).containsExactly(id(charger));
    // Words need not be adjacent or in order.
    assertThat(ids(search(token + " zeta"), "products")).containsExactly(id(phone));
    assertThat(search("zeta " + token + " nowhere").getLong("total")).isZero();
  }

  @Test
  void searchRanksAnExactSkuOrNameFirstThenBetterMatches() {
    // Made in the reverse of the expected order, so "newest first" would get it backwards.
    JsonObject exactSku = createProduct(new JsonObject().put("sku", token.toUpperCase()).put("name", "Unrelated gadget"));
    JsonObject namePrefix = createProduct(new JsonObject().put("name", token + " phone case"));
    JsonObject nameContains = createProduct(new JsonObject().put("name", "Leather case for " + token));
    JsonObject inDescription = createProduct(new JsonObject().put("name", "Generic cable")
        .put("description", "Works with " + token));
    JsonObject skuPart = createProduct(new JsonObject().put("sku", "X-" + token + "-9").put("name", "Spare part"));

    List<String> ranked = ids(search(token), "products");
    assertThat(ranked.subList(0, 3)).containsExactly(id(exactSku), id(namePrefix), id(nameContains));
    assertThat(ranked.subList(3, 5)).containsExactlyInAnyOrder(id(inDescription), id(skuPart));

    assertThat(ids(search(token + " phone case"), "products").get(0)).isEqualTo(id(namePrefix));
    assertThat(ids(search("LEATHER CASE FOR " + token), "products").get(0)).isEqualTo(id(nameContains));
    assertThat(ids(search("x-" + token + "-9"), "products")).containsExactly(id(skuPart));
    // An explicit sort wins over relevance.
    assertThat(ids(list("/products?sort=newest&search=" + token), "products").get(0)).isEqualTo(id(skuPart));
  }

  @Test
  void categorySlugIncludesEveryDescendantCategory() {
    JsonObject root = createCategory("Điện tử " + token, null);
    JsonObject child = createCategory("Máy tính " + token, id(root));
    JsonObject grandchild = createCategory("Laptop " + token, id(child));
    JsonObject sibling = createCategory("Sách " + token, null);
    JsonObject inRoot = createProduct(new JsonObject().put("categoryId", id(root)));
    JsonObject inChild = createProduct(new JsonObject().put("categoryId", id(child)));
    JsonObject inGrandchild = createProduct(new JsonObject().put("categoryId", id(grandchild)));
    createProduct(new JsonObject().put("categoryId", id(sibling)));

    assertThat(ids(list("/products?categorySlug=" + root.getString("slug")), "products"))
        .containsExactlyInAnyOrder(id(inRoot), id(inChild), id(inGrandchild));
    assertThat(ids(list("/products?categorySlug=" + child.getString("slug")), "products"))
        .containsExactlyInAnyOrder(id(inChild), id(inGrandchild));
    assertThat(ids(list("/products?categorySlug=" + grandchild.getString("slug")), "products"))
        .containsExactly(id(inGrandchild));
    assertThat(list("/products?categorySlug=no-such-" + token).getLong("total")).isZero();
  }

  @Test
  void priceBoundsAreInclusiveAndInStockHidesSoldOutProducts() {
    String slug = createCategory("Prices " + token, null).getString("slug");
    String category = id(http.get("/categories/slug/" + slug, null).json());
    JsonObject cheap = createProduct(new JsonObject().put("categoryId", category).put("priceInt", 100).put("stock", 1)
        .put("name", "Bravo " + token));
    JsonObject middle = createProduct(new JsonObject().put("categoryId", category).put("priceInt", 200).put("stock", 0)
        .put("name", "alpha " + token));
    JsonObject dear = createProduct(new JsonObject().put("categoryId", category).put("priceInt", 300).put("stock", 5)
        .put("name", "Ánh " + token));
    String base = "/products?categorySlug=" + slug;

    assertThat(ids(list(base + "&minPriceInt=200&maxPriceInt=300"), "products"))
        .containsExactlyInAnyOrder(id(middle), id(dear));
    assertThat(ids(list(base + "&minPriceInt=100&maxPriceInt=100"), "products")).containsExactly(id(cheap));
    assertThat(ids(list(base + "&inStock=true"), "products")).containsExactlyInAnyOrder(id(cheap), id(dear));
    assertThat(ids(list(base + "&inStock=false"), "products")).hasSize(3);

    assertThat(ids(list(base + "&sort=price_asc"), "products")).containsExactly(id(cheap), id(middle), id(dear));
    assertThat(ids(list(base + "&sort=price_desc"), "products")).containsExactly(id(dear), id(middle), id(cheap));
    assertThat(ids(list(base + "&sort=name"), "products")).containsExactly(id(middle), id(dear), id(cheap));
    assertThat(ids(list(base + "&sort=stock_asc", adminToken), "products"))
        .containsExactly(id(middle), id(cheap), id(dear));
    assertThat(ids(list(base + "&sort=stock_asc&inStock=true", adminToken), "products"))
        .containsExactly(id(cheap), id(dear));
    assertThat(ids(list(base), "products")).containsExactly(id(dear), id(middle), id(cheap));
    list(base).getJsonArray("products").forEach(p -> assertProductResponse((JsonObject) p));
  }

  @Test
  void badQueryValuesAre400() {
    String[][] cases = {
        {"sort=cheapest", "sort"}, {"sort=stock_desc", "sort"}, {"inStock=yes", "inStock"}, {"inStock=1", "inStock"},
        {"page=0", "page"},
        {"pageSize=101", "pageSize"}, {"pageSize=0", "pageSize"}, {"page=abc", "page"},
        {"minPriceInt=-1", "minPriceInt"}, {"maxPriceInt=1.5", "maxPriceInt"},
        {"minPriceInt=500&maxPriceInt=100", "maxPriceInt"}};
    for (String[] bad : cases) {
      JsonObject error = assertError(http.get("/products?" + bad[0], null), 400, "/products");
      assertThat(detailFields(error)).as(bad[0]).containsExactly(bad[1]);
    }
    assertThat(assertError(http.get("/products?sort=stock", null), 400, "/products").getString("message"))
        .isEqualTo("sort must be one of newest, price_asc, price_desc, name, stock_asc");
  }

  @Test
  void walkingThePagesShowsEveryProductExactlyOnce() {
    String slug = createCategory("Pages " + token, null).getString("slug");
    String category = id(http.get("/categories/slug/" + slug, null).json());
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 23; i++) {
      // Equal prices and names: only the id can order them.
      made.add(id(createProduct(new JsonObject().put("categoryId", category).put("priceInt", 5000)
          .put("name", "Same " + token))));
    }
    for (String sort : new String[] {"price_asc", "price_desc", "name", "newest", "stock_asc"}) {
      String caller = sort.equals("stock_asc") ? adminToken : null; // for administrators only
      List<String> seen = new ArrayList<>();
      int totalPages = 1;
      for (int page = 1; page <= totalPages; page++) {
        JsonObject answer = list("/products?categorySlug=" + slug + "&pageSize=5&sort=" + sort + "&page=" + page,
            caller);
        assertThat(answer.getLong("total")).isEqualTo(23);
        totalPages = answer.getInteger("totalPages");
        seen.addAll(ids(answer, "products"));
      }
      assertThat(totalPages).isEqualTo(5);
      assertThat(seen).as(sort).hasSize(23).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made);
    }
    assertThat(list("/products?categorySlug=" + slug + "&pageSize=5&page=6").getJsonArray("products")).isEmpty();
  }

  /**
   * Low stock first is the operators' console's order: each of its pages sorts its matches (no index
   * holds the stock, so that stock updates stay HOT), which the public may not ask for. Anybody but an
   * administrator is 403, signed in or not; a token the gateway cannot accept is ignored on this
   * public route (still 200 for the other orders), so it is 403 too.
   */
  @Test
  void lowStockFirstIsForAdministrators() {
    String lowStock = "/products?sort=stock_asc&search=" + token;
    Session customer = register("lowstock");
    for (String caller : new String[] {null, customer.accessToken(), "not-a-token"}) {
      JsonObject error = assertError(http.get(lowStock, caller), 403, "/products");
      assertThat(error.getString("message")).as(String.valueOf(caller))
          .isEqualTo("sort=stock_asc is for administrators");
      assertThat(list("/products?sort=price_asc&search=" + token, caller).getLong("total")).isZero();
    }
    JsonObject product = createProduct(new JsonObject());
    assertThat(ids(list(lowStock, adminToken), "products")).containsExactly(id(product));
  }

  /**
   * Low stock first follows every stock change at once, also one that leaves a product in stock
   * (which changes no list's members, so no kept order would be dropped for it), in a category's
   * pages as in the whole catalogue's.
   */
  @Test
  void lowStockFirstFollowsEveryStockChange() {
    JsonObject category = createCategory("Low stock " + token, null);
    JsonObject fewer = createProduct(new JsonObject().put("categoryId", id(category)).put("stock", 2));
    JsonObject more = createProduct(new JsonObject().put("categoryId", id(category)).put("stock", 7));
    String inCategory = "/products?sort=stock_asc&categorySlug=" + category.getString("slug");
    String searched = "/products?sort=stock_asc&search=" + token;
    assertThat(ids(list(inCategory, adminToken), "products")).containsExactly(id(fewer), id(more));
    assertThat(ids(list(searched, adminToken), "products")).containsExactly(id(fewer), id(more));

    Http.Response restocked = http.post("/products/" + id(fewer) + "/stock", new JsonObject().put("delta", 10),
        adminToken);
    assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);

    assertThat(ids(list(inCategory, adminToken), "products")).containsExactly(id(more), id(fewer));
    assertThat(ids(list(searched, adminToken), "products")).containsExactly(id(more), id(fewer));
    JsonObject page = list(inCategory + "&pageSize=1&page=2", adminToken);
    assertThat(ids(page, "products")).containsExactly(id(fewer));
    assertThat(page.getLong("total")).isEqualTo(2);
  }

  private JsonObject search(String text) {
    return list("/products?pageSize=100&search=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
  }
}
