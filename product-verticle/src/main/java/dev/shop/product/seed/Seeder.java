package dev.shop.product.seed;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.Database;
import dev.shop.common.text.Slugs;
import dev.shop.product.ProductVerticle;
import dev.shop.product.category.CategoryRepository;
import dev.shop.product.category.NewCategory;
import dev.shop.product.product.NewProduct;
import dev.shop.product.product.ProductImport;
import dev.shop.product.slug.SlugChoice;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the catalogue: the category tree of {@link SeedCatalogue} and N products. Categories that
 * exist are reused (found by slug); each run's products have skus of their own
 * ({@code SEED-<run>-<n>}), so running it again adds N more. Categories go through
 * {@link CategoryRepository} (categories have no events), products through the bulk path
 * {@link ProductImport} in batches of {@link #BATCH}, one round trip each.
 */
public final class Seeder {

  private static final Logger log = LoggerFactory.getLogger(Seeder.class);
  private static final int BATCH = 500;

  private final CategoryRepository categories;
  private final ProductImport products;
  private final SeedProgress progress;
  private final Map<String, UUID> categoryIds = new HashMap<>();

  Seeder(Pool pool, SeedProgress progress) {
    this.categories = new CategoryRepository(pool);
    this.products = new ProductImport(pool);
    this.progress = progress;
  }

  /**
   * {@code shop seed --products N}: migrates the product database {@code config} names (as the
   * service does at start), then seeds it; answers how many products were added.
   */
  public static Future<Integer> seed(Vertx vertx, ShopConfig config, int productCount) {
    return Database.migrateAndConnect(vertx, ProductVerticle.SERVICE,
            config.string(ConfigKeys.databaseUrl(ProductVerticle.SERVICE)), config.integer(ConfigKeys.DB_POOL_SIZE))
        .compose(pool -> new Seeder(pool, new SeedProgress(System.console() != null)).fill(productCount)
            .eventually(pool::close));
  }

  /** Adds the tree (what is missing of it) and {@code productCount} products; answers how many were added. */
  Future<Integer> fill(int productCount) {
    Future<Void> tree = Future.succeededFuture();
    for (SeedCatalogue.Leaf leaf : SeedCatalogue.LEAVES) {
      tree = tree.compose(v -> ensurePath(leaf.path()));
    }
    return tree.compose(v -> {
      log.atInfo().addKeyValue("categories", categoryIds.size()).log("category tree ready");
      SeedProducts made = new SeedProducts(categoryIds);
      return insertFrom(made, made.between(0, Math.min(productCount, BATCH)), 0, productCount, 0);
    }).onComplete(finished -> progress.end());
  }

  /**
   * Inserts {@code batch}, the products from {@code start}, then the following ones. The next batch
   * is made while this one is written, and only then: a large seeding never holds the event loop
   * long, nor all its products in memory.
   */
  private Future<Integer> insertFrom(SeedProducts made, List<NewProduct> batch, int start, int productCount,
      int inserted) {
    if (batch.isEmpty()) {
      return Future.succeededFuture(inserted);
    }
    int end = start + batch.size();
    Future<Integer> written = products.insertAll(batch);
    List<NewProduct> next = made.between(end, Math.min(productCount, end + BATCH));
    return written.compose(count -> {
      progress.done(end, productCount);
      return insertFrom(made, next, end, productCount, inserted + count);
    });
  }

  /** Finds or creates each category of the path, top down. */
  private Future<Void> ensurePath(List<String> path) {
    Future<UUID> parent = Future.succeededFuture(null);
    for (int depth = 0; depth < path.size(); depth++) {
      String key = SeedCatalogue.pathKey(path.subList(0, depth + 1));
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
}
