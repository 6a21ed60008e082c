package dev.shop.launcher;

import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.Database;
import dev.shop.common.db.DatabaseSettings;
import dev.shop.common.text.Slugs;
import dev.shop.product.ProductVerticle;
import dev.shop.product.category.CategoryRepository;
import dev.shop.product.category.NewCategory;
import dev.shop.product.product.NewProduct;
import dev.shop.product.product.ProductRepository;
import dev.shop.product.slug.SlugChoice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code shop seed --products N}: fills the product service's database (the configured one, or
 * embedded PostgreSQL under {@code SHOP_DATA_DIR}, as dev mode uses it) with the category tree of
 * {@link SeedCatalogue} and N products. Categories that exist are reused; each run's products have
 * skus of their own ({@code SEED-<run>-<n>}), so running it again adds N more.
 */
final class Seeder {

  private static final Logger log = LoggerFactory.getLogger(Seeder.class);
  private static final int BATCH = 500;
  /** Products of the demo catalogue a first start in dev mode gets ({@code SHOP_DEMO_DATA}). */
  static final int DEMO_PRODUCTS = 200;
  /** The advisory lock under which a first start checks for and adds the demo catalogue. */
  private static final long DEMO_LOCK = 0x5348_4f50_4445_4d4fL;

  private final Random random = new Random();
  private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
  private final CategoryRepository categories;
  private final ProductRepository products;
  private final Map<String, UUID> categoryIds = new HashMap<>();

  private final Progress progress;

  private Seeder(Pool pool, Progress progress) {
    this.progress = progress;
    this.categories = new CategoryRepository(pool);
    // Seeding is a bulk import (insertAll): it writes no events, so it needs no outbox.
    this.products = new ProductRepository(pool, null);
  }

  /** Migrates the product database, then seeds it; answers how many products were added. */
  static Future<Integer> seed(Vertx vertx, ShopConfig config, int productCount) {
    return ServiceDatabases.resolve(vertx, config, List.of(ProductVerticle.SERVICE)).compose(databases -> {
      ShopConfig resolved = databases.config();
      DatabaseSettings database = DatabaseSettings.from(ProductVerticle.SERVICE, resolved);
      return Database.migrateAndConnect(vertx, ProductVerticle.SERVICE, database.url(), database.poolSize())
          .compose(pool -> new Seeder(pool, new Progress(System.console() != null)).fill(productCount)
              .eventually(pool::close))
          .eventually(() -> databases.close(vertx));
    });
  }

  /**
   * The demo catalogue, when the product database has neither categories nor products: the first
   * start in dev mode shows a browsable shop. Checked and added while a connection of its own (not
   * one of the service's pool, which the seeding uses) holds an advisory lock, so replicas starting
   * together add it once.
   */
  static Future<Integer> demoIfEmpty(Vertx vertx, DatabaseSettings database) {
    String url = database.url();
    return Database.migrateAndConnect(vertx, ProductVerticle.SERVICE, url, database.poolSize())
        .compose(pool -> PgConnection.connect(vertx, Database.connectOptions(url))
            .compose(lock -> lock.begin().compose(transaction -> lock
                    .query("SELECT pg_advisory_xact_lock(" + DEMO_LOCK + ")").execute()
                    .compose(locked -> lock.query(
                        "SELECT EXISTS (SELECT 1 FROM products) OR EXISTS (SELECT 1 FROM categories)").execute())
                    .compose(rows -> rows.iterator().next().getBoolean(0) ? Future.succeededFuture(0)
                        : new Seeder(pool, new Progress(false)).fill(DEMO_PRODUCTS))
                    // Ending the transaction releases the lock; it wrote nothing.
                    .eventually(transaction::commit))
                .eventually(lock::close))
            .eventually(pool::close));
  }

  private Future<Integer> fill(int productCount) {
    Future<Void> tree = Future.succeededFuture();
    for (SeedCatalogue.Leaf leaf : SeedCatalogue.LEAVES) {
      tree = tree.compose(v -> ensurePath(leaf.path()));
    }
    return tree.compose(v -> {
      log.atInfo().addKeyValue("categories", categoryIds.size()).log("category tree ready");
      Future<Integer> inserted = Future.succeededFuture(0);
      for (int start = 0; start < productCount; start += BATCH) {
        List<NewProduct> batch = new ArrayList<>();
        for (int n = start; n < Math.min(productCount, start + BATCH); n++) {
          batch.add(product(n));
        }
        int done = Math.min(productCount, start + BATCH);
        inserted = inserted.compose(total -> products.insertAll(batch).map(count -> {
          progress.done(done, productCount);
          return total + count;
        }));
      }
      return inserted.onComplete(finished -> progress.end());
    });
  }

  /** Finds or creates each category of the path, top down. */
  private Future<Void> ensurePath(List<String> path) {
    Future<UUID> parent = Future.succeededFuture(null);
    for (int depth = 0; depth < path.size(); depth++) {
      String key = String.join(" / ", path.subList(0, depth + 1));
      String name = path.get(depth);
      parent = parent.compose(parentId -> categoryIds.containsKey(key)
          ? Future.succeededFuture(categoryIds.get(key))
          : ensureCategory(name, parentId).onSuccess(id -> categoryIds.put(key, id)));
    }
    return parent.mapEmpty();
  }

  private Future<UUID> ensureCategory(String name, UUID parentId) {
    String slug = Slugs.derive(name, "category");
    return categories.findBySlug(slug).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get().id())
        : categories.insert(new NewCategory(name, new SlugChoice(slug, false), null, parentId)).map(c -> c.id()));
  }

  private NewProduct product(int n) {
    SeedCatalogue.Leaf leaf = SeedCatalogue.LEAVES.get(n % SeedCatalogue.LEAVES.size());
    // Brands and models are listed in step, so a brand comes with one of its own models.
    int maker = random.nextInt(leaf.brands().size());
    String brand = leaf.brands().get(maker);
    String model = leaf.models().get(maker % leaf.models().size());
    int color = random.nextInt(SeedCatalogue.COLORS_VI.size());
    boolean vietnamese = random.nextBoolean();
    String sku = String.format("SEED-%s-%06d", run, n);
    String name = vietnamese
        ? leaf.vietnameseNoun() + " " + brand + " " + model + " " + SeedCatalogue.COLORS_VI.get(color)
        : brand + " " + model + " " + leaf.englishNoun() + " " + SeedCatalogue.COLORS_EN.get(color);
    int warrantyMonths = 6 * (1 + random.nextInt(4));
    String description = vietnamese
        ? name + " chính hãng " + brand + ", bảo hành " + warrantyMonths + " tháng. Giao hàng toàn quốc."
        : "Genuine " + brand + " " + leaf.englishNoun().toLowerCase() + ", " + warrantyMonths
            + "-month warranty. Nationwide delivery.";
    long steps = (leaf.maxPriceVnd() - leaf.minPriceVnd()) / 1000;
    long price = leaf.minPriceVnd() + 1000 * (long) (random.nextDouble() * steps);
    int stock = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(300);
    String slug = Slugs.derive(name + " " + sku, "product");
    List<String> images = List.of("https://picsum.photos/seed/" + sku + "/800/800",
        "https://picsum.photos/seed/" + sku + "-2/800/800");
    JsonObject attributes = new JsonObject().put("brand", brand).put("model", model)
        .put("color", vietnamese ? SeedCatalogue.COLORS_VI.get(color) : SeedCatalogue.COLORS_EN.get(color))
        .put("warrantyMonths", warrantyMonths);
    String model3dUrl = random.nextInt(20) == 0 ? "https://models.example.com/" + slug + ".glb" : null;
    UUID category = categoryIds.get(String.join(" / ", leaf.path()));
    return new NewProduct(sku, name, new SlugChoice(slug, false), price, stock, description, images, category,
        attributes, model3dUrl);
  }

  /** How far the seeding is: a bar redrawn in place on a terminal, else a log line now and then. */
  private static final class Progress {

    private static final int WIDTH = 40;
    private static final int LOG_EVERY = 10_000;
    private final boolean terminal;

    Progress(boolean terminal) {
      this.terminal = terminal;
    }

    void done(int products, int of) {
      if (terminal) {
        int filled = (int) ((long) WIDTH * products / of);
        System.err.printf("\rseeding [%s%s] %,d / %,d products", "#".repeat(filled), " ".repeat(WIDTH - filled),
            products, of);
      } else if (products % LOG_EVERY == 0 || products == of) {
        log.atInfo().addKeyValue("products", products).addKeyValue("of", of).log("seeding");
      }
    }

    void end() {
      if (terminal) {
        System.err.println();
      }
    }
  }
}
