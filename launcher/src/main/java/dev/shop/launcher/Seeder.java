package dev.shop.launcher;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.Database;
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

  private final Random random = new Random();
  private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
  private final CategoryRepository categories;
  private final ProductRepository products;
  private final Map<String, UUID> categoryIds = new HashMap<>();

  private Seeder(Pool pool) {
    this.categories = new CategoryRepository(pool);
    // Seeding is a bulk import (insertAll): it writes no events, so it needs no outbox.
    this.products = new ProductRepository(pool, null);
  }

  /** Migrates the product database, then seeds it; answers how many products were added. */
  static Future<Integer> seed(Vertx vertx, ShopConfig config, int productCount) {
    return ServiceDatabases.resolve(vertx, config, List.of(ProductVerticle.SERVICE)).compose(databases -> {
      ShopConfig resolved = databases.config();
      return Database.migrateAndConnect(vertx, ProductVerticle.SERVICE,
              resolved.string(ConfigKeys.databaseUrl(ProductVerticle.SERVICE)), resolved.integer(ConfigKeys.DB_POOL_SIZE))
          .compose(pool -> new Seeder(pool).fill(productCount).eventually(pool::close))
          .eventually(() -> databases.close(vertx));
    });
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
          log.atInfo().addKeyValue("products", done).addKeyValue("of", productCount).log("seeding");
          return total + count;
        }));
      }
      return inserted;
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
}
