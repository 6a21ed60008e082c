package dev.shop.product.category;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Concurrently;
import dev.shop.common.testing.ServiceUnderTest;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.product.ReservationRequest;
import dev.shop.contract.product.StockLine;
import dev.shop.contract.product.StockReserveRequest;
import dev.shop.product.AdminCatalogue;
import dev.shop.product.ProductVerticle;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a category with the product service alone: who may, what stops it, what becomes of its
 * products, and a delete racing the reservations, releases and moves of its products.
 */
class CategoryDeleteAloneTest {

  /** The first requests of a cold service on a loaded machine can take seconds; no peer here hangs. */
  private static final String ROOM_FOR_A_LOADED_MACHINE_MS = "10000";

  private static ServiceUnderTest product;
  private static AdminCatalogue catalogue;

  @BeforeAll
  static void start() {
    product = ServiceUnderTest.start(ProductVerticle.SERVICE, ProductVerticle.FACTORY,
        settings -> settings.put(ConfigKeys.BUS_TIMEOUT_MS, ROOM_FOR_A_LOADED_MACHINE_MS));
    catalogue = new AdminCatalogue(product);
  }

  @AfterAll
  static void stop() {
    product.close();
  }

  @Test
  void onlyAnAdministratorDeletesACategoryWithoutChildrenAndItsProductsKeepNoCategory() {
    UUID parent = catalogue.category(null);
    UUID child = catalogue.category(parent);
    UUID lamp = catalogue.product(3, 100, child);
    UUID desk = catalogue.product(3, 100, child);

    assertThat(product.refusal(ProductSubjects.CATEGORY_DELETE, id(child), ServiceUnderTest.anonymous()).status()).isEqualTo(401);
    assertThat(product.refusal(ProductSubjects.CATEGORY_DELETE, id(child), ServiceUnderTest.customer(UUID.randomUUID())).status())
        .isEqualTo(403);
    ShopException withChildren = product.refusal(ProductSubjects.CATEGORY_DELETE, id(parent), AdminCatalogue.admin());
    assertThat(withChildren.status()).isEqualTo(409);
    assertThat(categories(parent, child)).isEqualTo(2);

    assertThat(product.call(ProductSubjects.CATEGORY_DELETE, id(child), AdminCatalogue.admin()).bodyAsObject().getBoolean("success"))
        .isTrue();
    assertThat(categories(parent, child)).isEqualTo(1);
    for (UUID kept : List.of(lamp, desk)) {
      JsonObject answered = product.call(ProductSubjects.PRODUCT_GET_BY_ID, id(kept), ServiceUnderTest.anonymous()).bodyAsObject();
      assertThat(answered.getValue("category")).isNull();
      assertThat(product.rows("SELECT category_id FROM products WHERE id = $1", kept).get(0).getValue(0)).isNull();
    }
    assertThat(product.refusal(ProductSubjects.CATEGORY_DELETE, id(child), AdminCatalogue.admin()).status()).isEqualTo(404);
    assertThat(product.refusal(ProductSubjects.CATEGORY_GET_BY_ID, id(child), ServiceUnderTest.anonymous()).status()).isEqualTo(404);
    assertThat(product.call(ProductSubjects.CATEGORY_DELETE, id(parent), AdminCatalogue.admin()).status())
        .as("without its child, the parent may go").isEqualTo(200);
  }

  /**
   * The delete takes its products' rows (to clear their category) while reservations and releases
   * take several of them in id order: it takes them in id order too, so none of them deadlocks.
   */
  @Test
  void aDeleteRacingReservationsReleasesAndMovesOfItsProductsLeavesExactStock() {
    UUID category = catalogue.category(null);
    List<UUID> products = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      products.add(catalogue.product(50, 100, category));
    }
    List<UUID> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      UUID order = UUID.randomUUID();
      product.call(ProductSubjects.STOCK_RESERVE, reservation(order, products), ServiceUnderTest.anonymous());
      held.add(order);
    }
    UUID outsider = catalogue.product(5, 100, null);

    List<Callable<Integer>> writes = new ArrayList<>();
    writes.add(() -> statusOf(ProductSubjects.CATEGORY_DELETE, id(category), true));
    for (int i = 0; i < 4; i++) {
      UUID release = held.get(i);
      writes.add(() -> statusOf(ProductSubjects.STOCK_RELEASE, new ReservationRequest(release).toJson(), false));
      List<UUID> backwards = new ArrayList<>(products);
      Collections.reverse(backwards);
      JsonObject body = reservation(UUID.randomUUID(), i % 2 == 0 ? products : backwards);
      writes.add(() -> statusOf(ProductSubjects.STOCK_RESERVE, body, false));
    }
    writes.add(() -> statusOf(ProductSubjects.PRODUCT_UPDATE, id(outsider).put("changes",
        new JsonObject().put("categoryId", category.toString())), true));
    List<Integer> statuses = Concurrently.run(writes);

    assertThat(statuses.get(0)).isEqualTo(200);
    assertThat(statuses.subList(1, statuses.size() - 1)).as("releases and reservations all answered")
        .containsOnly(200);
    assertThat(statuses.get(statuses.size() - 1)).as("moved in before the delete, or refused after it")
        .isIn(200, 400);
    assertThat(product.number("SELECT count(*) FROM products WHERE category_id = $1", category)).isZero();
    for (UUID each : products) {
      assertThat(catalogue.stock(each)).isEqualTo(50 - 4);
    }
  }

  private static JsonObject reservation(UUID order, List<UUID> products) {
    return new StockReserveRequest(order, products.stream().map(p -> new StockLine(p.toString(), 1)).toList()).toJson();
  }

  private static JsonObject id(UUID id) {
    return new JsonObject().put("id", id.toString());
  }

  private static long categories(UUID... ids) {
    return product.number("SELECT count(*) FROM categories WHERE id = ANY($1)", (Object) ids);
  }

  private static int statusOf(String subject, JsonObject body, boolean asAdmin) {
    try {
      return product.call(subject, body, asAdmin ? AdminCatalogue.admin() : ServiceUnderTest.anonymous()).status();
    } catch (ShopException refused) {
      return refused.status();
    }
  }
}
