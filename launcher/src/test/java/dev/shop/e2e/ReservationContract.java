package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The product service's stock reservations ({@code stock.*}), called over the bus as the order service does. */
abstract class ReservationContract extends OrderApiTest {

  private static final RequestMeta INTERNAL = RequestMeta.internal("reservation-test");

  private Bus services() {
    return RunningPlatform.shared(bus()).bus();
  }

  private static JsonObject reservation(String orderId, JsonObject... lines) {
    return new JsonObject().put("orderId", orderId).put("items", new JsonArray(List.of((Object[]) lines)));
  }

  private static int status(Throwable failure) {
    return ((ShopException) failure).status();
  }

  @Test
  void onlyServicesMayCallTheReservationSubjects() {
    JsonObject product = stocked(5, 1_000);
    String orderId = UUID.randomUUID().toString();
    RequestMeta customer = RequestMeta.of(Caller.user(UUID.randomUUID().toString(), Role.CUSTOMER), "t");
    RequestMeta admin = RequestMeta.of(Caller.user(UUID.randomUUID().toString(), Role.ADMIN), "t");
    for (RequestMeta meta : List.of(customer, admin)) {
      assertThat(status(Await.failure(services().request("stock.reserve", reservation(orderId, line(product, 1)), meta))))
          .isEqualTo(403);
      assertThat(status(Await.failure(services().request("stock.release", new JsonObject().put("orderId", orderId),
          meta)))).isEqualTo(403);
      assertThat(status(Await.failure(services().request("order.exists",
          new JsonObject().put("orderIds", new JsonArray().add(orderId)), meta)))).isEqualTo(403);
    }
    assertThat(stockOf(product)).isEqualTo(5);
  }

  @Test
  void aRetriedReservationTakesTheStockOnceAndAnswersTheSame() {
    JsonObject product = stocked(10, 2_500);
    String orderId = UUID.randomUUID().toString();
    JsonObject request = reservation(orderId, line(product, 2), line(product, 1));

    JsonObject first = Await.result(services().request("stock.reserve", request, INTERNAL)).bodyAsObject();
    http.put("/products/" + id(product), new JsonObject().put("priceInt", 9_999), adminToken);
    JsonObject again = Await.result(services().request("stock.reserve", request, INTERNAL)).bodyAsObject();

    assertThat(first.getString("orderId")).isEqualTo(orderId);
    assertThat(first.getJsonArray("items")).containsExactly(new JsonObject().put("productId", id(product))
        .put("quantity", 3).put("priceInt", 2_500L).put("sku", product.getString("sku"))
        .put("name", product.getString("name")).put("slug", product.getString("slug")).put("imageUrls",
            new JsonArray()));
    assertThat(again).isEqualTo(first);
    assertThat(stockOf(product)).isEqualTo(7);
  }

  @Test
  void releasesReturnTheStockExactlyOnce() {
    JsonObject product = stocked(10, 1_000);
    String orderId = UUID.randomUUID().toString();
    Await.result(services().request("stock.reserve", reservation(orderId, line(product, 4)), INTERNAL));
    assertThat(stockOf(product)).isEqualTo(6);

    List<Future<BusReply>> releases = IntStream.range(0, 10)
        .mapToObj(i -> services().request("stock.release", new JsonObject().put("orderId", orderId), INTERNAL)).toList();
    long returned = releases.stream().map(Await::result)
        .filter(reply -> reply.bodyAsObject().getBoolean("released")).count();

    assertThat(returned).isEqualTo(1);
    assertThat(stockOf(product)).isEqualTo(10);
    assertThat(status(Await.failure(services().request("stock.reserve", reservation(orderId, line(product, 4)),
        INTERNAL)))).isEqualTo(409);
    assertThat(stockOf(product)).isEqualTo(10);
  }

  @Test
  void aReservationRefusedLeavesNothingAndTheSameOrderMayReserveLater() {
    JsonObject plenty = stocked(10, 1_000);
    JsonObject scarce = stocked(1, 1_000);
    String orderId = UUID.randomUUID().toString();
    JsonObject request = reservation(orderId, line(plenty, 3), line(scarce, 2));

    ShopException refused = (ShopException) Await.failure(services().request("stock.reserve", request, INTERNAL));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.details()).extracting(detail -> detail.field()).containsExactly(id(scarce));
    assertThat(refused.details().get(0).message()).isEqualTo("insufficient stock: 1 available, 2 requested");
    JsonObject withUnknown = reservation(orderId, line(scarce, 2), new JsonObject()
        .put("productId", UUID.randomUUID().toString()).put("quantity", 1));
    assertThat(status(Await.failure(services().request("stock.reserve", withUnknown, INTERNAL)))).isEqualTo(404);
    assertThat(stockOf(plenty)).isEqualTo(10);
    assertThat(stockOf(scarce)).isEqualTo(1);

    http.post("/products/" + id(scarce) + "/stock", new JsonObject().put("delta", 5), adminToken);
    JsonObject reserved = Await.result(services().request("stock.reserve", request, INTERNAL)).bodyAsObject();
    assertThat(reserved.getJsonArray("items")).hasSize(2);
    assertThat(stockOf(plenty)).isEqualTo(7);
    assertThat(stockOf(scarce)).isEqualTo(4);
  }

  @Test
  void unknownReservationsChangeNothing() {
    String orderId = UUID.randomUUID().toString();
    JsonObject released = Await.result(services().request("stock.release", new JsonObject().put("orderId", orderId),
        INTERNAL)).bodyAsObject();
    assertThat(released.getBoolean("released")).isFalse();
    assertThat(Await.result(services().request("order.exists", new JsonObject().put("orderIds",
        new JsonArray().add(orderId)), INTERNAL)).bodyAsObject().getJsonArray("existing")).isEmpty();
  }
}
