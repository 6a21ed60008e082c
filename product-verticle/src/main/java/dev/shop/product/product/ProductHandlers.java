package dev.shop.product.product;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.JsonInput;
import dev.shop.common.json.PageRequest;
import dev.shop.product.slug.SlugChoice;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code product.*} subjects: the catalogue is public to read, administrators change it. */
public final class ProductHandlers {

  /** The most ids one {@code product.getByIds} may ask for. */
  public static final int MAX_BATCH_IDS = 200;
  private static final int SKU_MAX = 64;
  private static final int NAME_MAX = 200;
  private static final int DESCRIPTION_MAX = 10_000;
  private static final int URL_MAX = 2048;
  private static final int MAX_IMAGES = 20;
  private static final int MAX_SEARCH_WORDS = 8;
  private static final long MAX_PRICE = 1_000_000_000_000_000L;
  private static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]*$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final String[] FIELDS = {"sku", "name", "slug", "priceInt", "stock", "description", "imageUrls",
      "categoryId", "attributes", "model3dUrl"};

  private final ProductRepository products;

  public ProductHandlers(ProductRepository products) {
    this.products = products;
  }

  /** {@code {page?, pageSize?, search?, categorySlug?, minPriceInt?, maxPriceInt?, inStock?, sort?}} as strings. */
  public Future<BusReply> list(BusRequest request) {
    JsonInput input = JsonInput.lenient(request.body());
    PageRequest page = PageRequest.from(input);
    String search = input.stringParam("search", 200);
    String categorySlug = input.stringParam("categorySlug", 200);
    Long minPrice = input.longParam("minPriceInt", 0, Long.MAX_VALUE);
    Long maxPrice = input.longParam("maxPriceInt", 0, Long.MAX_VALUE);
    Boolean inStock = input.boolParam("inStock");
    String sortParam = input.stringParam("sort", 20);
    ProductSort sort = sortParam == null ? null : ProductSort.fromParam(sortParam).orElse(null);
    input.check(sortParam == null || sort != null, "sort", "must be one of " + ProductSort.names());
    input.check(minPrice == null || maxPrice == null || minPrice <= maxPrice, "maxPriceInt",
        "must not be less than minPriceInt");
    input.validate();
    String normalized = search == null ? null : WHITESPACE.matcher(search).replaceAll(" ");
    List<String> words = normalized == null ? List.of()
        : Arrays.stream(normalized.split(" ")).distinct().limit(MAX_SEARCH_WORDS).toList();
    Future<List<UUID>> categoryIds = categorySlug == null ? Future.succeededFuture(null)
        : products.subtreeIds(categorySlug);
    return categoryIds.compose(categories -> {
      ProductQuery query = new ProductQuery(normalized, words, categories, minPrice, maxPrice,
          Boolean.TRUE.equals(inStock), sort);
      if (categories != null && categories.isEmpty()) {
        return Future.succeededFuture(BusReply.ok(page.envelope("products", new JsonArray(), 0)));
      }
      return Future.all(products.count(query), products.list(query, page.pageSize(), page.offset()))
          .map(both -> {
            JsonArray items = new JsonArray();
            both.<List<Product>>resultAt(1).forEach(product -> items.add(product.toResponse()));
            return BusReply.ok(page.envelope("products", items, both.<Long>resultAt(0)));
          });
    });
  }

  /** {@code {id}}. */
  public Future<BusReply> getById(BusRequest request) {
    Optional<UUID> id = Ids.parse(request.body().getValue("id"));
    if (id.isEmpty()) {
      return Future.failedFuture(notFound());
    }
    return products.findById(id.get()).map(ProductHandlers::found);
  }

  /** {@code {slug}}. */
  public Future<BusReply> getBySlug(BusRequest request) {
    if (!(request.body().getValue("slug") instanceof String slug)) {
      return Future.failedFuture(notFound());
    }
    return products.findBySlug(slug).map(ProductHandlers::found);
  }

  /**
   * {@code {ids:[...]}} (at most {@link #MAX_BATCH_IDS}): {@code {products:[...]}} in the order
   * asked, each once; unknown and malformed ids are simply absent.
   */
  public Future<BusReply> getByIds(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), "ids");
    JsonArray ids = input.optionalArray("ids");
    input.check(input.has("ids"), "ids", "is required");
    input.check(ids == null || ids.size() <= MAX_BATCH_IDS, "ids", "must have at most " + MAX_BATCH_IDS + " entries");
    input.validate();
    Set<UUID> wanted = new LinkedHashSet<>();
    ids.forEach(value -> Ids.parse(value).ifPresent(wanted::add));
    if (wanted.isEmpty()) {
      return Future.succeededFuture(BusReply.ok(new JsonObject().put("products", new JsonArray())));
    }
    return products.findByIds(wanted).map(found -> {
      Map<UUID, Product> byId = new LinkedHashMap<>();
      found.forEach(product -> byId.put(product.id(), product));
      JsonArray items = new JsonArray();
      wanted.stream().map(byId::get).filter(product -> product != null).forEach(product -> items.add(product.toResponse()));
      return BusReply.ok(new JsonObject().put("products", items));
    });
  }

  /** {@code {sku, name, slug?, priceInt, stock?, description?, imageUrls?, categoryId?, attributes?, model3dUrl?}}; admin. */
  public Future<BusReply> create(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.body(request.body(), FIELDS);
    String sku = sku(input, input.requiredString("sku", 1, SKU_MAX));
    String name = input.requiredString("name", 1, NAME_MAX);
    String slug = SlugChoice.read(input);
    Long priceInt = input.requiredLong("priceInt", 1, MAX_PRICE);
    Integer stock = input.optionalInt("stock", 0, Integer.MAX_VALUE);
    String description = input.optionalText("description", DESCRIPTION_MAX);
    List<String> imageUrls = imageUrls(input);
    UUID categoryId = input.optionalId("categoryId");
    JsonObject attributes = input.optionalObject("attributes");
    String model3dUrl = input.optionalHttpUrl("model3dUrl", URL_MAX);
    input.validate();
    NewProduct product = new NewProduct(sku, name, SlugChoice.of(slug, name, "product"), priceInt,
        stock == null ? 0 : stock, description, imageUrls == null ? List.of() : imageUrls, categoryId, attributes,
        model3dUrl);
    return products.insert(product).map(created -> BusReply.created(created.toResponse()));
  }

  /** {@code {id, changes:{any subset of the create fields}}}; admin. */
  public Future<BusReply> update(BusRequest request) {
    request.caller().requireAdmin();
    UUID id = productId(request);
    JsonObject body = request.body().getJsonObject("changes", new JsonObject());
    JsonInput input = JsonInput.body(body, FIELDS);
    input.rejectNull("sku", "name", "slug", "priceInt", "stock");
    String sku = sku(input, input.optionalString("sku", 1, SKU_MAX));
    String name = input.optionalString("name", 1, NAME_MAX);
    String slug = SlugChoice.read(input);
    Long priceInt = input.optionalLong("priceInt", 1, MAX_PRICE);
    Integer stock = input.optionalInt("stock", 0, Integer.MAX_VALUE);
    String description = input.optionalText("description", DESCRIPTION_MAX);
    List<String> imageUrls = imageUrls(input);
    UUID categoryId = input.optionalId("categoryId");
    JsonObject attributes = input.optionalObject("attributes");
    String model3dUrl = input.optionalHttpUrl("model3dUrl", URL_MAX);
    input.validate();
    ProductChanges changes = new ProductChanges(sku, name, slug, priceInt, stock,
        input.has("imageUrls") && imageUrls == null ? List.of() : imageUrls,
        input.has("description"), description, input.has("categoryId"), categoryId,
        input.has("attributes"), attributes, input.has("model3dUrl"), model3dUrl);
    return products.update(id, changes).map(ProductHandlers::found);
  }

  /** {@code {id}}; admin. */
  public Future<BusReply> delete(BusRequest request) {
    request.caller().requireAdmin();
    return products.delete(productId(request)).map(deleted -> {
      if (!deleted) {
        throw notFound();
      }
      return BusReply.success();
    });
  }

  private static String sku(JsonInput input, String sku) {
    if (sku != null && !SKU.matcher(sku).matches()) {
      input.error("sku", "must be letters, digits and . _ / - (starting with a letter or digit)");
      return null;
    }
    return sku;
  }

  /** An array of http(s) URLs; each bad entry is reported as {@code imageUrls[i]}. */
  private static List<String> imageUrls(JsonInput input) {
    JsonArray array = input.optionalArray("imageUrls");
    if (array == null) {
      return null;
    }
    if (array.size() > MAX_IMAGES) {
      input.error("imageUrls", "must have at most " + MAX_IMAGES + " entries");
      return null;
    }
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object value = array.getValue(i);
      if (value instanceof String url && url.length() <= URL_MAX && JsonInput.isHttpUrl(url.trim())) {
        urls.add(url.trim());
      } else {
        input.error("imageUrls[" + i + "]", "must be an http or https URL");
      }
    }
    return urls;
  }

  private static BusReply found(Optional<Product> product) {
    return BusReply.ok(product.orElseThrow(ProductHandlers::notFound).toResponse());
  }

  private static UUID productId(BusRequest request) {
    return Ids.parse(request.body().getValue("id")).orElseThrow(ProductHandlers::notFound);
  }

  private static ShopException notFound() {
    return ShopException.notFound("Product not found");
  }
}
