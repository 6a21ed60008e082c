package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * Helpers of the catalogue contracts. The platform is shared, so every name, slug and sku a test
 * makes carries a random token, and lists are narrowed to what the test made.
 */
abstract class CatalogueApiTest extends ApiTest {

  static final List<String> CATEGORY_FIELDS = List.of("id", "name", "slug", "description", "parentId", "createdAt",
      "updatedAt");
  static final List<String> PRODUCT_FIELDS = List.of("id", "sku", "name", "slug", "priceInt", "stock", "description",
      "imageUrls", "categoryId", "attributes", "model3dUrl", "createdAt", "updatedAt", "category");

  /** A token unique to this test, lower-case letters and digits. */
  protected String token;
  protected String adminToken;

  @BeforeEach
  void catalogueSetUp() {
    token = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    adminToken = admin().accessToken();
  }

  protected JsonObject createCategory(String name, String parentId) {
    JsonObject body = new JsonObject().put("name", name);
    if (parentId != null) {
      body.put("parentId", parentId);
    }
    Http.Response response = http.post("/categories", body, adminToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  /** A product with a unique sku and the fields of {@code fields} (which override the defaults). */
  protected JsonObject createProduct(JsonObject fields) {
    JsonObject body = new JsonObject().put("sku", "SKU-" + UUID.randomUUID().toString().substring(0, 13))
        .put("name", "Product " + token).put("priceInt", 100_000).mergeIn(fields);
    Http.Response response = http.post("/products", body, adminToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  protected JsonObject list(String pathAndQuery) {
    return list(pathAndQuery, null);
  }

  /** A list as the user of {@code accessToken} asks it (anonymously when null). */
  protected JsonObject list(String pathAndQuery, String accessToken) {
    Http.Response response = http.get(pathAndQuery, accessToken);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  /** The ids of a list answer's items, in order. */
  protected static List<String> ids(JsonObject page, String listName) {
    JsonArray items = page.getJsonArray(listName);
    return items.stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  protected static String id(JsonObject item) {
    return item.getString("id");
  }

  static void assertCategoryResponse(JsonObject category) {
    assertThat(category.fieldNames()).containsExactlyInAnyOrderElementsOf(CATEGORY_FIELDS);
  }

  static void assertProductResponse(JsonObject product) {
    assertThat(product.fieldNames()).containsExactlyInAnyOrderElementsOf(PRODUCT_FIELDS);
    if (product.getValue("category") != null) {
      assertCategoryResponse(product.getJsonObject("category"));
      assertThat(product.getJsonObject("category").getString("id")).isEqualTo(product.getString("categoryId"));
    } else {
      assertThat(product.getValue("categoryId")).isNull();
    }
  }
}
