package dev.shop.product.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.db.Database;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The product list's search and category filter use indexes: with 100,000 products, the plans of
 * the page and count queries never read the products table sequentially. The plans are printed
 * (docs/catalogue-search.md shows them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductSearchPlanTest {

  private static final int PRODUCTS = 100_000;

  private Vertx vertx;
  private Pool pool;
  private ProductRepository repository;

  @BeforeAll
  void fillACatalogue() {
    vertx = Vertx.vertx();
    pool = Await.result(Database.migrateAndConnect(vertx, "product", TestDatabases.freshDatabase("product_plan"), 2));
    repository = new ProductRepository(pool, null); // reads only: no events
    // 10 top categories, 100 below them, 1000 leaves; products spread over the leaves.
    execute("INSERT INTO categories (id, name, slug, parent_id) "
        + "SELECT md5('top' || i)::uuid, 'Top ' || i, 'top-' || i, NULL FROM generate_series(1, 10) i");
    execute("INSERT INTO categories (id, name, slug, parent_id) "
        + "SELECT md5('mid' || i)::uuid, 'Mid ' || i, 'mid-' || i, md5('top' || (i % 10 + 1))::uuid "
        + "FROM generate_series(1, 100) i");
    execute("INSERT INTO categories (id, name, slug, parent_id) "
        + "SELECT md5('leaf' || i)::uuid, 'Leaf ' || i, 'leaf-' || i, md5('mid' || (i % 100 + 1))::uuid "
        + "FROM generate_series(1, 1000) i");
    execute("INSERT INTO products (id, sku, name, slug, price_int, stock, description, category_id, created_at) "
        + "SELECT md5('p' || i)::uuid, 'SKU-' || lpad(i::text, 6, '0'), "
        + "(ARRAY['Điện thoại', 'Laptop', 'Tai nghe', 'Áo sơ mi', 'Nồi cơm điện'])[i % 5 + 1] || ' ' "
        + "|| substr(md5(i::text), 1, 8), 'product-' || i, 1000 * (i % 5000 + 1), i % 50, "
        + "'Mô tả sản phẩm số ' || i, md5('leaf' || (i % 1000 + 1))::uuid, now() - i * interval '1 minute' "
        + "FROM generate_series(1, " + PRODUCTS + ") i");
    execute("VACUUM ANALYZE categories");
    execute("VACUUM ANALYZE products");
  }

  @AfterAll
  void close() {
    Await.result(pool.close());
    vertx.close();
  }

  @Test
  void searchUsesTheTrigramIndex() {
    // Product 4240 is an "Điện thoại" (4240 % 5 == 0) named after the start of md5('4240').
    String token = Await.result(pool.query("SELECT substr(md5('4240'), 1, 8)").execute()).iterator().next().getString(0);
    ProductQuery query = search("DIEN THOAI " + token, null);
    assertIndexed("search", query);
    assertThat(firstPageSkus(query)).contains("SKU-004240");
  }

  @Test
  void searchByExactSkuUsesTheTrigramIndex() {
    ProductQuery query = search("sku-012345", null);
    assertIndexed("sku search", query);
    assertThat(firstPageSkus(query).get(0)).isEqualTo("SKU-012345");
  }

  @Test
  void categoryFilterWalksTheTreeAndUsesTheCategoryIndex() {
    for (String slug : new String[] {"leaf-7", "mid-7", "top-7"}) {
      List<UUID> categories = Await.result(repository.subtreeIds(slug)).value();
      ProductQuery query = new ProductQuery(null, List.of(), categories, null, null, false, null);
      assertIndexed("category " + slug + " (" + categories.size() + " categories)", query);
      assertIndexed("category " + slug + " in stock, by price", new ProductQuery(null, List.of(), categories, 5000L,
          200_000L, true, ProductSort.PRICE_ASC));
    }
    assertThat(Await.result(repository.subtreeIds("top-7")).value()).hasSize(1 + 10 + 100);
    assertThat(Await.result(repository.count(new ProductQuery(null, List.of(),
        Await.result(repository.subtreeIds("top-7")).value(), null, null, false, null))).value())
        .isEqualTo(PRODUCTS / 10);
  }

  @Test
  void searchWithinACategoryUsesIndexes() {
    assertIndexed("search in category", new ProductQuery("laptop", List.of("laptop"),
        Await.result(repository.subtreeIds("mid-3")).value(), null, null, false, null));
  }

  /**
   * Low stock first has no index of its own (the stock is kept out of every index, so that stock
   * updates stay HOT): a category's page still reads each category from its index and sorts its
   * products, a search reads the trigram index and sorts its matches; the whole catalogue's page is
   * a sequential read and a top-N sort of every product (docs/catalogue-search.md gives the times),
   * which is why the order is for administrators only.
   */
  @Test
  void lowStockFirstReadsTheCategoryAndSearchIndexesAndSortsTheMatches() {
    for (String slug : new String[] {"leaf-7", "top-7"}) {
      assertIndexed("category " + slug + " in stock, low stock first", new ProductQuery(null, List.of(),
          Await.result(repository.subtreeIds(slug)).value(), null, null, true, ProductSort.STOCK_ASC));
    }
    assertIndexed("search, low stock first", search("laptop", ProductSort.STOCK_ASC));

    ProductQuery catalogue = new ProductQuery(null, List.of(), null, null, null, false, ProductSort.STOCK_ASC);
    List<UUID> expected = new ArrayList<>();
    Await.result(pool.query("SELECT id FROM products WHERE stock = 0 ORDER BY id LIMIT 20").execute())
        .forEach(row -> expected.add(row.getUUID(0)));
    assertThat(Await.result(repository.pageIds(catalogue, 20, 0)).value()).hasSize(20).isEqualTo(expected);
  }

  /** The skus of the first page's products, in the page's order. */
  private List<String> firstPageSkus(ProductQuery query) {
    List<UUID> ids = Await.result(repository.pageIds(query, 20, 0)).value();
    JsonArray found = new JsonArray(Buffer.buffer("[").appendBuffer(Await.result(repository.answersInOrder(ids)))
        .appendString("]"));
    return found.stream().map(product -> ((JsonObject) product).getString("sku")).toList();
  }

  private static ProductQuery search(String text, ProductSort sort) {
    return new ProductQuery(text, List.of(text.split(" ")), null, null, null, false, sort);
  }

  /**
   * Both plans PostgreSQL may use for the page and the count: the custom plan made for these
   * values, and the generic plan a cached prepared statement switches to after a few executions.
   */
  private void assertIndexed(String what, ProductQuery query) {
    for (ListingStatements.Statement statement : List.of(ListingStatements.page(query, 20, 0),
        ListingStatements.count(query))) {
      assertNoSequentialRead(what, statement);
    }
  }

  private void assertNoSequentialRead(String what, ListingStatements.Statement statement) {
    List<String> custom = lines(pool.preparedQuery("EXPLAIN " + statement.sql()).execute(statement.parameters()));
    List<String> generic = lines(pool.query("EXPLAIN (GENERIC_PLAN) " + statement.sql()).execute());
    System.out.println("-- " + what + "\n" + statement.sql() + "\n-- custom plan\n" + String.join("\n", custom)
        + "\n-- generic plan\n" + String.join("\n", generic) + "\n");
    assertThat(custom).as(what + ":\n" + String.join("\n", custom))
        .noneMatch(line -> line.contains("Seq Scan on products"));
    assertThat(generic).as(what + " (generic):\n" + String.join("\n", generic))
        .noneMatch(line -> line.contains("Seq Scan on products"));
  }

  private static List<String> lines(io.vertx.core.Future<io.vertx.sqlclient.RowSet<Row>> plan) {
    List<String> lines = new ArrayList<>();
    for (Row row : Await.result(plan)) {
      lines.add(row.getString(0));
    }
    return lines;
  }

  private void execute(String sql) {
    Await.result(pool.query(sql).execute());
  }

}
