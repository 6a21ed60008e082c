package dev.shop.product.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.BusReply;
import dev.shop.common.db.Database;
import dev.shop.common.json.Gzip;
import dev.shop.common.json.PageRequest;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pages served from kept blocks of ids are exactly the pages of the list's order, whatever their
 * size and place (pages that cross a block's end, the last partial page, past the end), for the
 * whole catalogue, a category subtree and a search, and stay exact after a change of the catalogue;
 * a page kept as answered shows every later write of its products and their categories.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductListingTest {

  private static final int PRODUCTS = 1_234;

  private Vertx vertx;
  private Pool pool;
  private AnsweredPages pages;
  private ProductListing listing;

  @BeforeAll
  void fillACatalogue() {
    vertx = Vertx.vertx();
    pool = Await.result(Database.migrateAndConnect(vertx, "product", TestDatabases.freshDatabase("listing"), 2));
    pages = AnsweredPages.of(vertx, 4);
    listing = new ProductListing(new ProductRepository(pool, null), pages);
    execute("INSERT INTO categories (id, name, slug, parent_id) VALUES "
        + "(md5('top')::uuid, 'Top', 'top', NULL), (md5('a')::uuid, 'A', 'a', md5('top')::uuid), "
        + "(md5('b')::uuid, 'B', 'b', md5('top')::uuid), (md5('c')::uuid, 'C', 'c', NULL)");
    // Prices repeat, so the id decides ties; categories a, b and c take turns.
    execute("INSERT INTO products (id, sku, name, slug, price_int, stock, category_id, created_at) "
        + "SELECT md5('p' || i)::uuid, 'SKU-' || i, 'Item ' || md5(i::text), 'item-' || i, 1000 * (i % 97 + 1), i % 3, "
        + "(ARRAY[md5('a'), md5('b'), md5('c')])[i % 3 + 1]::uuid, now() - i * interval '1 second' "
        + "FROM generate_series(1, " + PRODUCTS + ") i");
  }

  @AfterAll
  void close() {
    Await.result(pool.close());
    Await.result(vertx.close());
  }

  @Test
  void everyPageIsThatOfTheListsOrder() {
    assertPagesMatch(null, "TRUE", "p.price_int ASC, p.id ASC", ProductSort.PRICE_ASC);
    assertPagesMatch(null, "TRUE", "p.created_at DESC, p.id DESC", null);
    assertPagesMatch("top", "p.category_id IN (md5('a')::uuid, md5('b')::uuid)",
        "p.name_folded ASC, p.id ASC", ProductSort.NAME);
    assertPagesMatch("top", "p.category_id IN (md5('a')::uuid, md5('b')::uuid) AND p.stock > 0",
        "p.price_int DESC, p.id DESC", ProductSort.PRICE_DESC);
  }

  @Test
  void aKeptListIsReadAnewAfterTheCatalogueChanged() {
    JsonObject before = page(null, ProductSort.PRICE_ASC, 1, 5);
    execute("INSERT INTO products (id, sku, name, slug, price_int, stock) "
        + "VALUES (md5('cheapest')::uuid, 'CHEAP', 'Cheapest', 'cheapest', 1, 1)");
    try {
      JsonObject after = page(null, ProductSort.PRICE_ASC, 1, 5);
      assertThat(after.getLong("total")).isEqualTo(before.getLong("total") + 1);
      assertThat(after.getJsonArray("products").getJsonObject(0).getString("sku")).isEqualTo("CHEAP");
    } finally {
      execute("DELETE FROM products WHERE sku = 'CHEAP'");
    }
    assertThat(page(null, ProductSort.PRICE_ASC, 1, 5)).isEqualTo(before);
  }

  @Test
  void aKeptPageShowsItsProductsAsTheyAreNow() {
    page(null, ProductSort.PRICE_DESC, 1, 3); // reads and keeps its ids
    page(null, ProductSort.PRICE_DESC, 1, 3); // its answer read once at this version
    assertThat(pages.find(pageKey(ProductSort.PRICE_DESC, 1, 3))).isEmpty();
    JsonObject first = page(null, ProductSort.PRICE_DESC, 1, 3); // and again: now kept
    assertThat(pages.find(pageKey(ProductSort.PRICE_DESC, 1, 3))).isPresent();
    assertThat(page(null, ProductSort.PRICE_DESC, 1, 3)).isEqualTo(first);
    JsonObject top = first.getJsonArray("products").getJsonObject(0);
    // A checkout's stock change keeps the list as it is (no new catalogue version) but not the product.
    execute("UPDATE products SET stock = stock + 7 WHERE id = '" + top.getString("id") + "'");
    JsonObject restocked = page(null, ProductSort.PRICE_DESC, 1, 3).getJsonArray("products").getJsonObject(0);
    assertThat(restocked.getString("id")).isEqualTo(top.getString("id"));
    assertThat(restocked.getInteger("stock")).isEqualTo(top.getInteger("stock") + 7);
    page(null, ProductSort.PRICE_DESC, 1, 3);
    page(null, ProductSort.PRICE_DESC, 1, 3);
    assertThat(pages.find(pageKey(ProductSort.PRICE_DESC, 1, 3))).isPresent();
    execute("UPDATE categories SET description = 'renamed' WHERE id = '" + top.getString("categoryId") + "'");
    JsonObject again = page(null, ProductSort.PRICE_DESC, 1, 3).getJsonArray("products").getJsonObject(0);
    assertThat(again.getInteger("stock")).isEqualTo(top.getInteger("stock") + 7);
    assertThat(again.getJsonObject("category").getString("description")).isEqualTo("renamed");
  }

  @Test
  void aKeptPageIsAnsweredInGzipToACallerThatAcceptsIt() {
    BusReply first = reply(null, ProductSort.NAME, 2, 4, false, true); // reads and keeps its ids
    BusReply second = reply(null, ProductSort.NAME, 2, 4, false, true); // its answer read once at this version
    assertThat(List.of(first, second)).as("a page read, not kept, is answered as read").noneMatch(BusReply::gzipped);
    reply(null, ProductSort.NAME, 2, 4, false, true);
    assertThat(pages.find(pageKey(ProductSort.NAME, 2, 4))).isPresent();

    BusReply gzipped = reply(null, ProductSort.NAME, 2, 4, false, true);
    BusReply plain = reply(null, ProductSort.NAME, 2, 4, false, false);

    assertThat(gzipped.gzipped()).isTrue();
    assertThat(gzipped.encodedBody().getBytes(0, 2)).containsExactly(0x1f, 0x8b);
    assertThat(gzipped.encodedBody().length()).isLessThan(plain.encodedBody().length() / 2);
    assertThat(Gzip.decompress(gzipped.encodedBody())).isEqualTo(plain.encodedBody());
    assertThat(gzipped.bodyAsObject()).isEqualTo(first.encodedBody().toJsonObject());
    assertThat(plain.gzipped()).isFalse();
    assertThat(plain.bodyAsObject()).isEqualTo(first.bodyAsObject());
  }

  private static String pageKey(ProductSort sort, int number, int pageSize) {
    return new ProductQuery(null, List.of(), null, null, null, false, sort).pageKey(null,
        new PageRequest(number, pageSize));
  }

  /** Compares pages of several sizes, twice each (read, then kept), with the order SQL gives. */
  private void assertPagesMatch(String slug, String where, String orderBy, ProductSort sort) {
    List<String> expected = new ArrayList<>();
    for (Row row : Await.result(pool.query("SELECT p.id FROM products p WHERE " + where + " ORDER BY " + orderBy)
        .execute())) {
      expected.add(row.getUUID(0).toString());
    }
    boolean inStock = where.contains("stock > 0");
    for (int pageSize : new int[] {7, 20, 100}) {
      int pages = expected.size() / pageSize + 2;
      for (int number = 1; number <= pages; number++) {
        List<String> want = expected.subList(Math.min(expected.size(), (number - 1) * pageSize),
            Math.min(expected.size(), number * pageSize));
        for (int time = 0; time < 2; time++) {
          JsonObject answer = page(slug, sort, number, pageSize, inStock);
          assertThat(answer.getLong("total")).isEqualTo(expected.size());
          assertThat(answer.getJsonArray("products").stream().map(p -> ((JsonObject) p).getString("id")).toList())
              .as("page %d of %d, %s", number, pageSize, orderBy).isEqualTo(want);
        }
      }
    }
  }

  private JsonObject page(String slug, ProductSort sort, int number, int pageSize) {
    return page(slug, sort, number, pageSize, false);
  }

  private JsonObject page(String slug, ProductSort sort, int number, int pageSize, boolean inStock) {
    BusReply reply = reply(slug, sort, number, pageSize, inStock, false);
    assertThat(reply.gzipped()).isFalse();
    return reply.encodedBody().toJsonObject();
  }

  private BusReply reply(String slug, ProductSort sort, int number, int pageSize, boolean inStock,
      boolean acceptsGzip) {
    // On an event loop, as the verticle calls it.
    return Await.result(Future.<BusReply>future(answered -> vertx.runOnContext(v -> listing.page(slug,
        categories -> new ProductQuery(null, List.of(), categories, null, null, inStock, sort),
        new PageRequest(number, pageSize), acceptsGzip).onComplete(answered))));
  }

  private void execute(String sql) {
    Await.result(pool.query(sql).execute());
  }
}
