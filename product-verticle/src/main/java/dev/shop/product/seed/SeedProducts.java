package dev.shop.product.seed;

import dev.shop.common.text.Slugs;
import dev.shop.product.product.NewProduct;
import dev.shop.product.slug.SlugChoice;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The products of one seeding run, made up from {@link SeedCatalogue}: the n-th goes to the n-th
 * leaf (round robin) and has the sku {@code SEED-<run>-<n>}, so each run's skus are its own.
 */
final class SeedProducts {

  private final Random random = new Random();
  private final String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
  /** The ids of the tree's categories by path ({@code "Điện tử / Máy tính"}). */
  private final Map<String, UUID> categoryIds;

  SeedProducts(Map<String, UUID> categoryIds) {
    this.categoryIds = categoryIds;
  }

  /** Products {@code from} (included) to {@code to} (excluded). */
  List<NewProduct> between(int from, int to) {
    List<NewProduct> products = new ArrayList<>(to - from);
    for (int n = from; n < to; n++) {
      products.add(product(n));
    }
    return products;
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
    UUID category = categoryIds.get(SeedCatalogue.pathKey(leaf.path()));
    return new NewProduct(sku, name, new SlugChoice(slug, false), price, stock, description, images, category,
        attributes, model3dUrl);
  }
}
