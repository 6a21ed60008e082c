package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * docs/ar.md: users save AR snapshots of products; anyone lists them. The platform is shared, so
 * lists are narrowed to the test's own fresh users and products.
 */
abstract class ArApiContract extends CatalogueApiTest {

  static final String PATH = "/ar/snapshots";
  static final List<String> CREATED_FIELDS = List.of("id", "imageUrl", "createdAt");
  static final List<String> SNAPSHOT_FIELDS = List.of("id", "userId", "productId", "imageUrl", "metadata",
      "createdAt");
  static final List<String> PAGE_FIELDS = List.of("snapshots", "total", "page", "pageSize", "totalPages");
  static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  @Test
  void aUserSavesASnapshotOfAProduct() {
    Session user = register("arshooter");
    String product = id(createProduct(new JsonObject()));
    JsonObject metadata = new JsonObject().put("device", "Pixel 8").put("scale", 1.5)
        .put("anchor", new JsonObject().put("x", 0.25).put("y", -1)).put("tags", new JsonArray().add("sofa"));

    Http.Response response = create(user, body(product, "https://img.example/ar/1.png").put("metadata", metadata));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonObject created = response.json();
    assertThat(created.fieldNames()).containsExactlyInAnyOrderElementsOf(CREATED_FIELDS);
    assertThat(UUID.fromString(created.getString("id")).version()).isEqualTo(7);
    assertThat(created.getString("imageUrl")).isEqualTo("https://img.example/ar/1.png");
    assertThat(created.getString("createdAt")).matches(TIMESTAMP);

    JsonObject listed = single(byProduct(product));
    assertThat(listed).isEqualTo(new JsonObject().put("id", created.getString("id")).put("userId", user.userId())
        .put("productId", product).put("imageUrl", "https://img.example/ar/1.png").put("metadata", metadata)
        .put("createdAt", created.getString("createdAt")));
  }

  @Test
  void metadataIsNullWhenAbsentOrNull() {
    Session user = register("arnometa");
    String product = id(createProduct(new JsonObject()));
    created(user, body(product, "http://img.example/a.png"));
    created(user, body(product, "http://img.example/b.png").putNull("metadata"));

    JsonObject page = byProduct(product);
    assertThat(page.getJsonArray("snapshots")).hasSize(2).allSatisfy(snapshot -> {
      assertThat(((JsonObject) snapshot).fieldNames()).containsExactlyInAnyOrderElementsOf(SNAPSHOT_FIELDS);
      assertThat(((JsonObject) snapshot).containsKey("metadata")).isTrue();
      assertThat(((JsonObject) snapshot).getValue("metadata")).isNull();
    });
  }

  @Test
  void creatingNeedsAValidToken() {
    Session user = register("arforger");
    Session victim = register("arvictim");
    String product = id(createProduct(new JsonObject()));
    JsonObject body = body(product, "https://img.example/x.png");

    assertError(create(null, body), 401, PATH);
    assertError(http.post(PATH, body, "not.a.token"), 401, PATH);
    assertError(http.post(PATH, body, withSubject(user.accessToken(), victim.userId())), 401, PATH);

    assertThat(byProduct(product).getLong("total")).isZero();
  }

  @Test
  void anUnknownProductIs404() {
    Session user = register("arunknown");
    for (String product : new String[] {UUID.randomUUID().toString(), "not-a-product"}) {
      JsonObject error = assertError(create(user, body(product, "https://img.example/x.png")), 404, PATH);
      assertThat(error.getString("message")).isEqualTo("Product not found");
    }
    assertThat(byUser(user).getLong("total")).isZero();
  }

  @Test
  void theImageUrlIsAnHttpUrlOfAtMost2048Characters() {
    Session user = register("arurl");
    String product = id(createProduct(new JsonObject()));
    String prefix = "https://img.example/";
    for (String bad : new String[] {"ftp://img.example/x.png", "not a url", "/relative/x.png", "https://",
        prefix + "x".repeat(2049 - prefix.length())}) {
      assertThat(detailFields(assertError(create(user, body(product, bad)), 400, PATH))).as(bad)
          .containsExactly("imageUrl");
    }
    assertThat(detailFields(assertError(create(user, new JsonObject().put("productId", product)), 400, PATH)))
        .containsExactly("imageUrl");
    assertThat(detailFields(assertError(create(user, body(product, null).put("imageUrl", 42)), 400, PATH)))
        .containsExactly("imageUrl");
    assertThat(byProduct(product).getLong("total")).isZero();

    String longest = prefix + "x".repeat(2048 - prefix.length());
    assertThat(created(user, body(product, longest)).getString("imageUrl")).isEqualTo(longest);
  }

  @Test
  void theOwnerIsAlwaysTheCaller() {
    Session user = register("arowner");
    Session other = register("arother");
    String product = id(createProduct(new JsonObject()));

    JsonObject error = assertError(create(user, body(product, "https://img.example/x.png")
        .put("userId", other.userId())), 400, PATH);
    assertThat(detailFields(error)).containsExactly("userId");
    assertThat(byProduct(product).getLong("total")).isZero();

    created(user, body(product, "https://img.example/x.png"));
    assertThat(single(byProduct(product)).getString("userId")).isEqualTo(user.userId());
    assertThat(byUser(other).getLong("total")).isZero();
  }

  @Test
  void everyUnknownFieldIsNamed() {
    Session user = register("arfields");
    String product = id(createProduct(new JsonObject()));
    JsonObject error = assertError(create(user, body(product, "https://img.example/x.png").put("id", "mine")
        .put("createdAt", "2020-01-01T00:00:00.000Z")), 400, PATH);
    assertThat(detailFields(error)).containsExactlyInAnyOrder("id", "createdAt");
    assertThat(detailFields(assertError(create(user, new JsonObject()), 400, PATH)))
        .containsExactlyInAnyOrder("productId", "imageUrl");
  }

  @Test
  void metadataIsAnObjectOfAtMost16KiB() {
    Session user = register("armeta");
    String product = id(createProduct(new JsonObject()));
    for (Object bad : new Object[] {"flat", 42, true, new JsonArray().add(1),
        new JsonObject().put("blob", "x".repeat(16 * 1024)),
        new JsonObject().put("nested", new JsonObject().put("text", "nul \u0000 inside"))}) {
      assertThat(detailFields(assertError(create(user, body(product, "https://img.example/x.png")
          .put("metadata", bad)), 400, PATH))).as(String.valueOf(bad)).containsExactly("metadata");
    }
    assertThat(byProduct(product).getLong("total")).isZero();

    JsonObject large = new JsonObject().put("blob", "x".repeat(16 * 1024 - 20));
    created(user, body(product, "https://img.example/x.png").put("metadata", large));
    assertThat(single(byProduct(product)).getJsonObject("metadata")).isEqualTo(large);
  }

  @Test
  void theListFiltersByUserByProductOrBoth() {
    Session ann = register("arann");
    Session bob = register("arbob");
    String chair = id(createProduct(new JsonObject()));
    String lamp = id(createProduct(new JsonObject()));
    String annChair = id(created(ann, body(chair, "https://img.example/1.png")));
    String annLamp = id(created(ann, body(lamp, "https://img.example/2.png")));
    String bobChair = id(created(bob, body(chair, "https://img.example/3.png")));

    assertThat(ids(byUser(ann), "snapshots")).containsExactly(annLamp, annChair);
    assertThat(ids(byProduct(chair), "snapshots")).containsExactly(bobChair, annChair);
    assertThat(ids(byProduct(lamp), "snapshots")).containsExactly(annLamp);
    JsonObject both = list(PATH + "?userId=" + ann.userId() + "&productId=" + chair);
    assertThat(ids(both, "snapshots")).containsExactly(annChair);
    assertThat(both.getLong("total")).isEqualTo(1);
    assertThat(list(PATH + "?userId=" + bob.userId() + "&productId=" + lamp).getLong("total")).isZero();
    assertThat(byUser(bob).getJsonArray("snapshots").getJsonObject(0).getString("productId")).isEqualTo(chair);
  }

  @Test
  void theListPagesNewestFirst() {
    Session user = register("arpages");
    String product = id(createProduct(new JsonObject()));
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(id(created(user, body(product, "https://img.example/" + i + ".png"))));
    }
    Collections.reverse(made);

    JsonObject first = byProduct(product);
    assertThat(first.fieldNames()).containsExactlyInAnyOrderElementsOf(PAGE_FIELDS);
    assertThat(ids(first, "snapshots")).isEqualTo(made);
    assertThat(first.getInteger("page")).isEqualTo(1);
    assertThat(first.getInteger("pageSize")).isEqualTo(20);
    assertThat(first.getLong("total")).isEqualTo(5);
    assertThat(first.getInteger("totalPages")).isEqualTo(1);

    JsonObject second = list(PATH + "?productId=" + product + "&page=2&pageSize=2");
    assertThat(ids(second, "snapshots")).isEqualTo(made.subList(2, 4));
    assertThat(second.getInteger("page")).isEqualTo(2);
    assertThat(second.getInteger("pageSize")).isEqualTo(2);
    assertThat(second.getLong("total")).isEqualTo(5);
    assertThat(second.getInteger("totalPages")).isEqualTo(3);
    assertThat(ids(list(PATH + "?productId=" + product + "&page=3&pageSize=2"), "snapshots"))
        .isEqualTo(made.subList(4, 5));
    assertThat(list(PATH + "?productId=" + product + "&page=4&pageSize=2").getJsonArray("snapshots")).isEmpty();
  }

  @Test
  void theUnfilteredListIsPublicAndNewestFirst() {
    Session user = register("arall");
    created(user, body(id(createProduct(new JsonObject())), "https://img.example/x.png"));

    JsonObject all = list(PATH + "?pageSize=100");
    assertThat(all.getLong("total")).isPositive();
    List<Instant> times = all.getJsonArray("snapshots").stream()
        .map(s -> Instant.parse(((JsonObject) s).getString("createdAt"))).toList();
    assertThat(times).isNotEmpty().isSortedAccordingTo(Collections.reverseOrder());
  }

  @Test
  void theUnfilteredTotalGrowsByExactlyTheConcurrentCreates() throws Exception {
    Session user = register("arcounted");
    String product = id(createProduct(new JsonObject()));
    long before = list(PATH + "?pageSize=1").getLong("total");

    List<Http.Response> answers = inParallel(24, i -> create(user, body(product, "https://img.example/" + i + ".png")));

    assertThat(answers).allSatisfy(response -> assertThat(response.status()).as(response.toString()).isEqualTo(201));
    assertThat(list(PATH + "?pageSize=1").getLong("total")).isEqualTo(before + 24);
    assertThat(byProduct(product).getLong("total")).isEqualTo(24);
  }

  @Test
  void badPagesAndFiltersAre400NamingTheField() {
    assertThat(detailFields(assertError(http.get(PATH + "?page=0", null), 400, PATH))).containsExactly("page");
    assertThat(detailFields(assertError(http.get(PATH + "?page=x", null), 400, PATH))).containsExactly("page");
    for (String pageSize : new String[] {"0", "101", "-1", "ten"}) {
      assertThat(detailFields(assertError(http.get(PATH + "?pageSize=" + pageSize, null), 400, PATH)))
          .containsExactly("pageSize");
    }
    assertThat(detailFields(assertError(http.get(PATH + "?userId=nobody", null), 400, PATH)))
        .containsExactly("userId");
    assertThat(detailFields(assertError(http.get(PATH + "?productId=123", null), 400, PATH)))
        .containsExactly("productId");
    assertThat(detailFields(assertError(http.get(PATH + "?userId=x&productId=y&page=0", null), 400, PATH)))
        .containsExactlyInAnyOrder("userId", "productId", "page");
    assertThat(list(PATH + "?pageSize=100").getInteger("pageSize")).isEqualTo(100);
  }

  private static JsonObject body(String productId, String imageUrl) {
    return new JsonObject().put("productId", productId).put("imageUrl", imageUrl);
  }

  private Http.Response create(Session user, JsonObject body) {
    return http.post(PATH, body, user == null ? null : user.accessToken());
  }

  /** Creates a snapshot that must be accepted; answers the 201 body. */
  private JsonObject created(Session user, JsonObject body) {
    Http.Response response = create(user, body);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  private JsonObject byProduct(String productId) {
    return list(PATH + "?productId=" + productId);
  }

  private JsonObject byUser(Session user) {
    return list(PATH + "?userId=" + user.userId());
  }

  private static JsonObject single(JsonObject page) {
    assertThat(page.getLong("total")).isEqualTo(1);
    assertThat(page.getJsonArray("snapshots")).hasSize(1);
    return page.getJsonArray("snapshots").getJsonObject(0);
  }

  /** {@code token} claiming to be {@code userId}, its signature left as it was (so no longer valid). */
  private static String withSubject(String token, String userId) {
    String[] parts = token.split("\\.");
    Base64.Decoder decoder = Base64.getUrlDecoder();
    JsonObject claims = new JsonObject(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)).put("sub", userId);
    return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }
}
