package dev.shop.ar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Concurrently;
import dev.shop.common.testing.PeerStub;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.ar.ArSubjects;
import dev.shop.contract.product.ProductByIdRequest;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ProductSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AR service alone against its own database, the product service's {@code product.getById}
 * a stub: snapshots are created for their caller, refused with nothing saved when the product is
 * unknown or cannot be asked, validated, and listed by their filters, newest first.
 */
class ArAloneTest {

  /** The first requests of a cold service on a loaded machine take seconds; a hung peer costs this much. */
  private static final String ROOM_FOR_A_LOADED_MACHINE_MS = "5000";

  private static ServiceUnderTest ar;
  private PeerStub productById;

  @BeforeAll
  static void start() {
    ar = ServiceUnderTest.start(ArVerticle.SERVICE, ArVerticle.FACTORY,
        settings -> settings.put(ConfigKeys.BUS_TIMEOUT_MS, ROOM_FOR_A_LOADED_MACHINE_MS));
  }

  @AfterAll
  static void stop() {
    ar.close();
  }

  /** Every product exists unless a test says otherwise. */
  @BeforeEach
  void everyProductExists() {
    productById = ar.stub(ProductSubjects.PRODUCT_GET_BY_ID).repliesWith(body -> new ProductSummary(
        ProductByIdRequest.fromJson(body).id(), "SKU", "Product", "product", 1_000, 1, List.of()).toJson());
  }

  @Test
  void aSnapshotBelongsToItsCallerWhateverTheBodySays() {
    UUID user = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    JsonObject metadata = new JsonObject().put("scale", 1.5).put("room", new JsonObject().put("lux", 300));

    BusReply created = ar.call(ArSubjects.SNAPSHOT_CREATE, snapshot(product, "https://img.example/1.jpg").put("metadata",
        metadata), ServiceUnderTest.customer(user));

    assertThat(created.status()).isEqualTo(201);
    JsonObject answer = created.bodyAsObject();
    assertThat(answer.fieldNames()).containsExactlyInAnyOrder("id", "imageUrl", "createdAt");
    assertThat(answer.getString("imageUrl")).isEqualTo("https://img.example/1.jpg");
    assertThat(ProductByIdRequest.fromJson(productById.onlyRequest())).isEqualTo(new ProductByIdRequest(product));
    assertThat(productById.requests().get(0).caller().authenticated()).as("asked as the AR service itself").isFalse();
    assertThat(ar.rows("SELECT user_id, product_id, metadata FROM snapshots WHERE id = $1",
        UUID.fromString(answer.getString("id")))).singleElement().satisfies(row -> {
          assertThat(row.getUUID("user_id")).isEqualTo(user);
          assertThat(row.getUUID("product_id")).isEqualTo(product);
          assertThat(row.getValue("metadata")).isEqualTo(metadata);
        });

    ShopException posing = ar.refusal(ArSubjects.SNAPSHOT_CREATE, snapshot(product, "https://img.example/2.jpg")
        .put("userId", UUID.randomUUID().toString()), ServiceUnderTest.customer(user));
    assertThat(posing.status()).isEqualTo(400);
    assertThat(posing.details()).extracting(FieldError::field).containsExactly("userId");
    assertThat(ar.refusal(ArSubjects.SNAPSHOT_CREATE, snapshot(product, "https://img.example/3.jpg"),
        ServiceUnderTest.anonymous()).status()).isEqualTo(401);
    assertThat(snapshotsOf(user)).isEqualTo(1);
  }

  @Test
  void anUnknownProductIs404AndAProductServiceThatCannotSayComesBackAsItIs() {
    UUID user = UUID.randomUUID();
    productById.fails(404, "Product not found");
    ShopException unknown = ar.refusal(ArSubjects.SNAPSHOT_CREATE, snapshot(UUID.randomUUID(), "https://img.example/a.png"),
        ServiceUnderTest.customer(user));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.getMessage()).isEqualTo("Product not found");

    ShopException malformed = ar.refusal(ArSubjects.SNAPSHOT_CREATE, new JsonObject().put("productId", "not-a-uuid")
        .put("imageUrl", "https://img.example/a.png"), ServiceUnderTest.customer(user));
    assertThat(malformed.status()).isEqualTo(404);
    assertThat(productById.count()).as("a malformed id is never asked about").isEqualTo(1);

    productById.fails(503, "No responders for product.getById");
    assertThat(ar.refusal(ArSubjects.SNAPSHOT_CREATE, snapshot(UUID.randomUUID(), "https://img.example/a.png"),
        ServiceUnderTest.customer(user)).status()).isEqualTo(503);
    productById.hangs();
    assertThat(ar.refusal(ArSubjects.SNAPSHOT_CREATE, snapshot(UUID.randomUUID(), "https://img.example/a.png"),
        ServiceUnderTest.customer(user)).status()).isEqualTo(504);
    assertThat(snapshotsOf(user)).isZero();
  }

  @Test
  void invalidSnapshotsAre400NamingEachFieldAndAskNobody() {
    UUID user = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    assertThat(invalid(new JsonObject())).containsExactlyInAnyOrder("productId", "imageUrl");
    assertThat(invalid(snapshot(product, "ftp://img.example/a.png"))).containsExactly("imageUrl");
    assertThat(invalid(snapshot(product, "https://img.example/" + "a".repeat(2048)))).containsExactly("imageUrl");
    assertThat(invalid(snapshot(product, "https://img.example/a.png").put("metadata", "flat")))
        .containsExactly("metadata");
    assertThat(invalid(snapshot(product, "https://img.example/a.png").put("metadata",
        new JsonObject().put("notes", "x".repeat(16 * 1024))))).containsExactly("metadata");
    assertThat(invalid(snapshot(product, "https://img.example/a.png").put("metadata",
        new JsonObject().put("notes", "a\u0000b")))).containsExactly("metadata");
    assertThat(productById.count()).isZero();
    assertThat(snapshotsOf(user)).isZero();

    String longest = "https://img.example/" + "a".repeat(2048 - "https://img.example/".length());
    assertThat(ar.call(ArSubjects.SNAPSHOT_CREATE, snapshot(product, longest), ServiceUnderTest.customer(user)).status())
        .isEqualTo(201);
  }

  @Test
  void listsFilterByUserAndProductNewestFirstAndPage() {
    UUID alice = UUID.randomUUID();
    UUID bob = UUID.randomUUID();
    UUID lamp = UUID.randomUUID();
    UUID desk = UUID.randomUUID();
    List<String> aliceLamp = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      aliceLamp.add(create(alice, lamp, "https://img.example/alice-lamp-" + i + ".jpg"));
    }
    String aliceDesk = create(alice, desk, "https://img.example/alice-desk.jpg");
    String bobLamp = create(bob, lamp, "https://img.example/bob-lamp.jpg");

    assertThat(ids(list(new JsonObject().put("userId", alice.toString()))))
        .containsExactly(aliceDesk, aliceLamp.get(2), aliceLamp.get(1), aliceLamp.get(0));
    assertThat(ids(list(new JsonObject().put("productId", lamp.toString()))))
        .containsExactly(bobLamp, aliceLamp.get(2), aliceLamp.get(1), aliceLamp.get(0));
    JsonObject both = list(new JsonObject().put("userId", alice.toString()).put("productId", lamp.toString())
        .put("page", "2").put("pageSize", "2"));
    assertThat(ids(both)).containsExactly(aliceLamp.get(0));
    assertThat(both.getLong("total")).isEqualTo(3);
    assertThat(both.getInteger("totalPages")).isEqualTo(2);
    JsonObject first = both.getJsonArray("snapshots").getJsonObject(0);
    assertThat(first.getString("userId")).isEqualTo(alice.toString());
    assertThat(first.getString("productId")).isEqualTo(lamp.toString());
    assertThat(first.getString("imageUrl")).isEqualTo("https://img.example/alice-lamp-0.jpg");
    assertThat(first.getValue("metadata")).isNull();

    JsonObject all = list(new JsonObject().put("pageSize", "1"));
    assertThat(all.getLong("total")).isEqualTo(ar.number("SELECT count(*) FROM snapshots"));

    for (JsonObject query : List.of(new JsonObject().put("userId", "alice"), new JsonObject().put("productId", "1"),
        new JsonObject().put("pageSize", "101"), new JsonObject().put("page", "0"))) {
      ShopException refused = ar.refusal(ArSubjects.SNAPSHOT_LIST, query, ServiceUnderTest.anonymous());
      assertThat(refused.status()).as(query.encode()).isEqualTo(400);
      assertThat(refused.details()).extracting(FieldError::field).containsExactly(query.fieldNames().iterator().next());
    }
  }

  /** The unfiltered total is kept in shards by each insert: under concurrent inserts it stays exact. */
  @Test
  void concurrentSnapshotsAreAllCountedInTheUnfilteredTotal() {
    UUID user = UUID.randomUUID();
    long before = list(new JsonObject()).getLong("total");
    List<Callable<BusReply>> creations = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String url = "https://img.example/race-" + i + ".jpg";
      creations.add(() -> ar.call(ArSubjects.SNAPSHOT_CREATE, snapshot(UUID.randomUUID(), url),
          ServiceUnderTest.customer(user)));
    }
    assertThat(Concurrently.run(creations)).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(201));

    assertThat(list(new JsonObject()).getLong("total")).isEqualTo(before + 40);
    assertThat(list(new JsonObject().put("userId", user.toString())).getLong("total")).isEqualTo(40);
    assertThat(ar.number("SELECT sum(snapshots) FROM ar_snapshot_count"))
        .isEqualTo(ar.number("SELECT count(*) FROM snapshots"));
  }

  private static JsonObject snapshot(UUID product, String imageUrl) {
    return new JsonObject().put("productId", product.toString()).put("imageUrl", imageUrl);
  }

  private static String create(UUID user, UUID product, String imageUrl) {
    return ar.call(ArSubjects.SNAPSHOT_CREATE, snapshot(product, imageUrl), ServiceUnderTest.customer(user)).bodyAsObject()
        .getString("id");
  }

  private static JsonObject list(JsonObject query) {
    return ar.call(ArSubjects.SNAPSHOT_LIST, query, ServiceUnderTest.anonymous()).bodyAsObject();
  }

  private static List<String> ids(JsonObject page) {
    JsonArray snapshots = page.getJsonArray("snapshots");
    return snapshots.stream().map(s -> ((JsonObject) s).getString("id")).toList();
  }

  private static List<String> invalid(JsonObject body) {
    ShopException refused = ar.refusal(ArSubjects.SNAPSHOT_CREATE, body, ServiceUnderTest.customer(UUID.randomUUID()));
    assertThat(refused.status()).as(body.encode()).isEqualTo(400);
    return refused.details().stream().map(FieldError::field).toList();
  }

  private static long snapshotsOf(UUID user) {
    return ar.number("SELECT count(*) FROM snapshots WHERE user_id = $1", user);
  }
}
