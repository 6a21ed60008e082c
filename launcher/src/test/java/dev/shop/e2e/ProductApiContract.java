package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The contract's "Catalogue" (openapi.json): products, and the batch lookup other services use. */
abstract class ProductApiContract extends CatalogueApiTest {

  @Test
  void createAnswersAFullProductResponseWithItsCategory() {
    JsonObject category = createCategory("Điện thoại " + token, null);
    JsonObject body = new JsonObject().put("sku", "PHONE-" + token).put("name", "Điện thoại Samsung Galaxy " + token)
        .put("priceInt", 7_990_000).put("stock", 12).put("description", "Màn hình 6.5 inch")
        .put("imageUrls", new JsonArray().add("https://img.example.com/a.jpg").add("http://img.example.com/b.png"))
        .put("categoryId", id(category)).put("attributes", new JsonObject().put("color", "Xanh \"lá\" đậm\\").put("ramGb", 8)
            .put("sizes", new JsonArray().add(6.5).add("XL").addNull()).put("box", new JsonObject().put("w", -10)))
        .put("model3dUrl", "https://cdn.example.com/phone.glb");

    Http.Response response = http.post("/products", body, adminToken);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonObject product = response.json();
    assertProductResponse(product);
    assertThat(product.getString("sku")).isEqualTo("PHONE-" + token);
    assertThat(product.getString("slug")).isEqualTo("dien-thoai-samsung-galaxy-" + token);
    assertThat(product.getLong("priceInt")).isEqualTo(7_990_000L);
    assertThat(product.getInteger("stock")).isEqualTo(12);
    assertThat(product.getString("description")).isEqualTo("Màn hình 6.5 inch");
    assertThat(product.getJsonArray("imageUrls")).isEqualTo(body.getJsonArray("imageUrls"));
    assertThat(product.getJsonObject("attributes")).isEqualTo(body.getJsonObject("attributes"));
    assertThat(product.getString("model3dUrl")).isEqualTo("https://cdn.example.com/phone.glb");
    assertThat(product.getJsonObject("category")).isEqualTo(category);

    assertThat(http.get("/products/" + id(product), null).json()).isEqualTo(product);
    assertThat(http.get("/products/slug/" + product.getString("slug"), null).json()).isEqualTo(product);
  }

  /** The answers PostgreSQL writes (V6): every character as sent, timestamps as the contract's, everywhere alike. */
  @Test
  void textsAndTimestampsAreAnsweredExactlyByEveryRead() {
    String awkward = "quote \" backslash \\ slash / tab \t line\r\n bell \u0007 unit \u001f Đồng hồ 😀 <b>&amp;</b>";
    JsonObject category = createCategory("Cat " + awkward + " " + token, null);
    Instant before = Instant.now().minusSeconds(60);
    JsonObject product = createProduct(new JsonObject().put("name", "Name " + awkward + " " + token)
        .put("description", "Desc " + awkward).put("categoryId", id(category))
        .put("imageUrls", new JsonArray().add("https://img.example.com/a.jpg?q=x&y=%22z%22")));

    assertThat(product.getString("name")).isEqualTo("Name " + awkward + " " + token);
    assertThat(product.getString("description")).isEqualTo("Desc " + awkward);
    assertThat(product.getJsonArray("imageUrls")).containsExactly("https://img.example.com/a.jpg?q=x&y=%22z%22");
    JsonObject categoryRead = http.get("/categories/" + id(category), null).json();
    categoryRead.remove("parent");
    categoryRead.remove("children");
    assertThat(product.getJsonObject("category")).isEqualTo(categoryRead);
    assertThat(categoryRead.getString("name")).isEqualTo("Cat " + awkward + " " + token);
    for (JsonObject answer : new JsonObject[] {product, product.getJsonObject("category")}) {
      for (String field : new String[] {"createdAt", "updatedAt"}) {
        assertThat(answer.getString(field)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(answer.getString(field))).isBetween(before, Instant.now().plusSeconds(60));
      }
    }

    assertThat(http.get("/products/" + id(product), null).json()).isEqualTo(product);
    assertThat(http.get("/products/slug/" + product.getString("slug"), null).json()).isEqualTo(product);
    JsonObject page = list("/products?categorySlug=" + category.getString("slug"));
    assertThat(page.getJsonArray("products")).containsExactly(product);
  }

  @Test
  void optionalFieldsAreNullOrEmptyWhenNotGiven() {
    Http.Response response = http.post("/products", new JsonObject().put("sku", "MIN-" + token)
        .put("name", "Plain thing " + token).put("priceInt", 1), adminToken);
    assertThat(response.status()).isEqualTo(201);
    JsonObject product = response.json();
    assertProductResponse(product);
    assertThat(product.getInteger("stock")).isZero();
    assertThat(product.getJsonArray("imageUrls")).isEmpty();
    for (String field : new String[] {"description", "categoryId", "attributes", "model3dUrl", "category"}) {
      assertThat(product.containsKey(field)).isTrue();
      assertThat(product.getValue(field)).as(field).isNull();
    }
  }

  @Test
  void invalidProductsAre400WithAnEntryPerField() {
    JsonObject error = assertError(http.post("/products", new JsonObject().put("priceInt", 0).put("stock", -1)
        .put("model3dUrl", "ftp://files.example.com/x.glb").put("imageUrls", new JsonArray().add("https://ok.example.com/1.jpg")
            .add("not a url").add(5)).put("attributes", new JsonArray()).put("flavour", "salty"), adminToken),
        400, "/products");
    assertThat(detailFields(error)).containsExactlyInAnyOrder("sku", "name", "priceInt", "stock", "model3dUrl",
        "imageUrls[1]", "imageUrls[2]", "attributes", "flavour");

    JsonObject types = assertError(http.post("/products", new JsonObject().put("sku", 5).put("name", true)
        .put("priceInt", "100").put("stock", 1.5).put("imageUrls", "https://x.example.com/a.jpg")
        .put("categoryId", 3).put("description", new JsonObject()), adminToken), 400, "/products");
    assertThat(detailFields(types)).containsExactlyInAnyOrder("sku", "name", "priceInt", "stock", "imageUrls",
        "categoryId", "description");

    for (Object price : new Object[] {-5, 10.5, 0}) {
      assertThat(detailFields(assertError(http.post("/products", new JsonObject().put("sku", "P-" + token)
          .put("name", "N").put("priceInt", price), adminToken), 400, "/products"))).containsExactly("priceInt");
    }
    assertThat(detailFields(assertError(http.post("/products", new JsonObject().put("sku", "has space")
        .put("name", "N").put("priceInt", 5), adminToken), 400, "/products"))).containsExactly("sku");
    assertThat(detailFields(assertError(http.post("/products", new JsonObject().put("sku", "C-" + token)
        .put("name", "N").put("priceInt", 5).put("categoryId", UUID.randomUUID().toString()), adminToken), 400,
        "/products"))).containsExactly("categoryId");
  }

  @Test
  void skuAndSlugAreUnique() {
    JsonObject first = createProduct(new JsonObject().put("sku", "DUP-" + token).put("name", "Tai nghe " + token));
    assertThat(first.getString("slug")).isEqualTo("tai-nghe-" + token);

    JsonObject sku = assertError(http.post("/products", new JsonObject().put("sku", "DUP-" + token).put("name", "X")
        .put("priceInt", 5), adminToken), 409, "/products");
    assertThat(detailFields(sku)).containsExactly("sku");
    JsonObject slug = assertError(http.post("/products", new JsonObject().put("sku", "OTHER-" + token).put("name", "X")
        .put("priceInt", 5).put("slug", first.getString("slug")), adminToken), 409, "/products");
    assertThat(detailFields(slug)).containsExactly("slug");

    JsonObject second = createProduct(new JsonObject().put("name", "Tai nghe " + token));
    assertThat(second.getString("slug")).isEqualTo("tai-nghe-" + token + "-2");
  }

  @Test
  void updateChangesOnlyTheFieldsSent() {
    JsonObject category = createCategory("Cat " + token, null);
    JsonObject product = createProduct(new JsonObject().put("description", "Old").put("stock", 4)
        .put("attributes", new JsonObject().put("a", 1)));
    String path = "/products/" + id(product);

    Http.Response updated = http.put(path, new JsonObject().put("priceInt", 250_000).put("description", null)
        .put("categoryId", id(category)).put("imageUrls", new JsonArray().add("https://img.example.com/new.jpg")),
        adminToken);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    JsonObject after = updated.json();
    assertProductResponse(after);
    assertThat(after.getLong("priceInt")).isEqualTo(250_000L);
    assertThat(after.getValue("description")).isNull();
    assertThat(after.getJsonObject("category")).isEqualTo(category);
    assertThat(after.getJsonArray("imageUrls")).containsExactly("https://img.example.com/new.jpg");
    assertThat(after.getString("name")).isEqualTo(product.getString("name"));
    assertThat(after.getString("slug")).isEqualTo(product.getString("slug"));
    assertThat(after.getInteger("stock")).isEqualTo(4);
    assertThat(after.getJsonObject("attributes")).isEqualTo(new JsonObject().put("a", 1));
    assertThat(after.getString("updatedAt")).isGreaterThanOrEqualTo(product.getString("updatedAt"));
    assertThat(http.get(path, null).json()).isEqualTo(after);

    JsonObject cleared = http.put(path, new JsonObject().put("categoryId", null).put("attributes", null), adminToken)
        .json();
    assertThat(cleared.getValue("category")).isNull();
    assertThat(cleared.getValue("attributes")).isNull();

    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("priceInt", 0).put("sku", null)
        .put("model3dUrl", "javascript:alert(1)").put("id", "x"), adminToken), 400, path)))
        .containsExactlyInAnyOrder("priceInt", "sku", "model3dUrl", "id");
    JsonObject other = createProduct(new JsonObject());
    assertError(http.put(path, new JsonObject().put("sku", other.getString("sku")), adminToken), 409, path);
    assertError(http.put(path, new JsonObject().put("slug", other.getString("slug")), adminToken), 409, path);
    assertError(http.put(path, new JsonObject().put("categoryId", UUID.randomUUID().toString()), adminToken), 400, path);
  }

  @Test
  void deleteRemovesTheProduct() {
    JsonObject product = createProduct(new JsonObject());
    String path = "/products/" + id(product);
    Http.Response deleted = http.delete(path, adminToken);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json()).isEqualTo(new JsonObject().put("success", true));
    assertError(http.get(path, null), 404, path);
    assertError(http.delete(path, adminToken), 404, path);
  }

  @Test
  void unknownProductsAre404WhetherOrNotTheIdIsWellFormed() {
    for (String unknown : new String[] {UUID.randomUUID().toString(), "not-an-id", "123"}) {
      String path = "/products/" + unknown;
      assertError(http.get(path, null), 404, path);
      assertError(http.put(path, new JsonObject().put("name", "X"), adminToken), 404, path);
      assertError(http.delete(path, adminToken), 404, path);
      assertError(http.post(path + "/stock", new JsonObject().put("delta", 1), adminToken), 404, path + "/stock");
    }
    assertError(http.get("/products/slug/no-such-" + token, null), 404, "/products/slug/no-such-" + token);
  }

  /** Reads arriving together are looked up together (one statement per turn of the loop); each gets its own answer. */
  @Test
  void readsAtOnceEachGetTheirOwnProductOr404() throws Exception {
    List<JsonObject> products = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      products.add(createProduct(new JsonObject()));
    }
    String unknown = UUID.randomUUID().toString();

    List<Http.Response> answers = inParallel(32, i -> http.get("/products/"
        + (i % 8 < products.size() ? id(products.get(i % 8)) : unknown), null));

    for (int i = 0; i < answers.size(); i++) {
      Http.Response answer = answers.get(i);
      if (i % 8 < products.size()) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json()).isEqualTo(products.get(i % 8));
      } else {
        assertError(answer, 404, "/products/" + unknown);
      }
    }
  }

  /** A list page read again and again is kept, in gzip, and sent so to the clients that accept it. */
  @Test
  void aPageReadOftenComesInGzipToClientsThatAcceptIt() throws Exception {
    JsonObject category = createCategory("Gzip " + token, null);
    for (int i = 0; i < 3; i++) {
      createProduct(new JsonObject().put("categoryId", id(category)));
    }
    String path = "/products?categorySlug=" + category.getString("slug");
    Http.Response plain = http.get(path, null);
    assertThat(plain.status()).isEqualTo(200);

    Http.Response gzipped = null;
    for (int read = 0; read < 10 && gzipped == null; read++) { // kept from its third read on
      Http.Response answer = http.send("GET", path, null, null, Map.of("Accept-Encoding", "br, gzip;q=0.8"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers().allValues("Vary")).contains("Accept-Encoding");
      if ("gzip".equals(answer.header("Content-Encoding"))) {
        gzipped = answer;
      } else {
        assertThat(answer.header("Content-Encoding")).isNull();
        assertThat(answer.json()).isEqualTo(plain.json());
      }
    }

    assertThat(gzipped).as("a page read ten times is kept and answered in gzip").isNotNull();
    try (GZIPInputStream inflated = new GZIPInputStream(new ByteArrayInputStream(gzipped.bytes()))) {
      assertThat(new JsonObject(new String(inflated.readAllBytes(), StandardCharsets.UTF_8))).isEqualTo(plain.json());
    }
    for (String refusing : new String[] {"gzip;q=0", "identity", "br"}) {
      Http.Response answer = http.send("GET", path, null, null, Map.of("Accept-Encoding", refusing));
      assertThat(answer.header("Content-Encoding")).as(refusing).isNull();
      assertThat(answer.json()).isEqualTo(plain.json());
    }
    Http.Response none = http.get(path, null);
    assertThat(none.header("Content-Encoding")).isNull();
    assertThat(none.headers().allValues("Vary")).contains("Accept-Encoding");
    assertThat(none.json()).isEqualTo(plain.json());
  }

  @Test
  void onlyAnAdministratorChangesProducts() {
    JsonObject product = createProduct(new JsonObject());
    String customer = register("buyer").accessToken();
    String path = "/products/" + id(product);
    JsonObject create = new JsonObject().put("sku", "NOPE-" + token).put("name", "N").put("priceInt", 5);

    assertError(http.post("/products", create, null), 401, "/products");
    assertError(http.post("/products", create, customer), 403, "/products");
    assertError(http.put(path, new JsonObject().put("priceInt", 1), null), 401, path);
    assertError(http.put(path, new JsonObject().put("priceInt", 1), customer), 403, path);
    assertError(http.delete(path, null), 401, path);
    assertError(http.delete(path, customer), 403, path);
    assertError(http.post(path + "/stock", new JsonObject().put("delta", 5), null), 401, path + "/stock");
    assertError(http.post(path + "/stock", new JsonObject().put("delta", 5), customer), 403, path + "/stock");
    assertThat(http.get(path, null).json()).isEqualTo(product);
  }

  @Test
  void getByIdsAnswersTheKnownProductsInTheOrderAsked() {
    JsonObject first = createProduct(new JsonObject());
    JsonObject second = createProduct(new JsonObject());
    JsonArray ids = new JsonArray().add(id(second)).add(UUID.randomUUID().toString()).add("junk").add(id(first))
        .add(id(second));

    JsonObject answer = Await.result(RunningPlatform.shared(bus()).bus().request("product.getByIds",
        new JsonObject().put("ids", ids), RequestMeta.internal("test"))).bodyAsObject();

    assertThat(answer.getJsonArray("products")).containsExactly(second, first);

    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 201; i++) {
      tooMany.add(UUID.randomUUID().toString());
    }
    Throwable failure = Await.failure(RunningPlatform.shared(bus()).bus().request("product.getByIds",
        new JsonObject().put("ids", tooMany), RequestMeta.internal("test")));
    assertThat(failure).isInstanceOf(ShopException.class);
    assertThat(((ShopException) failure).status()).isEqualTo(400);
  }
}
