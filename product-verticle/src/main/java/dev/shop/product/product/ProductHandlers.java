package dev.shop.product.product;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.JsonInput;
import dev.shop.common.json.PageRequest;
import dev.shop.contract.product.ProductsByIdsRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The {@code product.*} subjects: the catalogue is public to read, administrators change it. */
public final class ProductHandlers {

  private static final int MAX_SEARCH_WORDS = 8;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final ProductRepository products;
  private final ProductListing listing;

  /** {@code pages}: the list pages this JVM's product service keeps as answered. */
  public ProductHandlers(ProductRepository products, AnsweredPages pages) {
    this.products = products;
    this.listing = new ProductListing(products, pages);
  }

  /**
   * {@code {page?, pageSize?, search?, categorySlug?, minPriceInt?, maxPriceInt?, inStock?, sort?}} as strings.
   * {@code sort=stock_asc} is for administrators (403 for anybody else, signed in or not): with no
   * index on the stock (so that every stock update stays a HOT update), each of its pages sorts its
   * matches, which only the operators' console may ask.
   */
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
    input.check(sortParam == null || sort != null, "sort", "must be one of " + ProductSort.NAMES);
    input.check(minPrice == null || maxPrice == null || minPrice <= maxPrice, "maxPriceInt",
        "must not be less than minPriceInt");
    input.validate();
    if (sort == ProductSort.STOCK_ASC && !request.caller().isAdmin()) {
      throw ShopException.forbidden("sort=stock_asc is for administrators");
    }
    String normalized = search == null ? null : WHITESPACE.matcher(search).replaceAll(" ");
    List<String> words = normalized == null ? List.of()
        : Arrays.stream(normalized.split(" ")).distinct().limit(MAX_SEARCH_WORDS).toList();
    return listing.page(categorySlug, categories -> new ProductQuery(normalized, words, categories, minPrice, maxPrice,
        Boolean.TRUE.equals(inStock), sort), page, request.acceptsGzip());
  }

  /** {@code {id}}. */
  public Future<BusReply> getById(BusRequest request) {
    return products.findById(request.id("Product")).map(ProductHandlers::answer);
  }

  /** {@code {slug}}. */
  public Future<BusReply> getBySlug(BusRequest request) {
    Object slug = request.body().getValue("slug");
    return slug instanceof String text ? products.findBySlug(text).map(ProductHandlers::answer) : Future.failedFuture(notFound());
  }


  /**
   * {@code {ids:[...]}} (at most {@link ProductsByIdsRequest#MAX_IDS}): {@code {products:[...]}} in the order
   * asked, each once; unknown and malformed ids are simply absent.
   */
  public Future<BusReply> getByIds(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), "ids");
    JsonArray ids = input.optionalArray("ids");
    input.check(input.has("ids"), "ids", "is required");
    input.check(ids == null || ids.size() <= ProductsByIdsRequest.MAX_IDS, "ids",
        "must have at most " + ProductsByIdsRequest.MAX_IDS + " entries");
    input.validate();
    Set<UUID> wanted = new LinkedHashSet<>();
    ids.forEach(value -> Ids.parse(value).ifPresent(wanted::add));
    Future<Buffer> found = wanted.isEmpty() ? Future.succeededFuture(Buffer.buffer()) : products.answersInOrder(wanted);
    return found.map(answers -> BusReply.okJson(Buffer.buffer(answers.length() + 16).appendString("{\"products\":[")
        .appendBuffer(answers).appendString("]}")));
  }

  /** {@code {sku, name, slug?, priceInt, stock?, description?, imageUrls?, categoryId?, attributes?, model3dUrl?}}; admin. */
  public Future<BusReply> create(BusRequest request) {
    request.caller().requireAdmin();
    ProductFields fields = ProductFields.read(JsonInput.body(request.body(), ProductFields.NEW_PRODUCT), true);
    return products.insert(fields.toNewProduct()).map(created -> BusReply.createdJson(created.response()));
  }

  /** {@code {id, changes:{any subset of the create fields}}}; admin. */
  public Future<BusReply> update(BusRequest request) {
    request.caller().requireAdmin();
    UUID id = request.id("Product");
    JsonInput input = JsonInput.body(request.body().getJsonObject("changes", new JsonObject()),
        ProductFields.PRODUCT_UPDATE);
    ProductChanges changes = ProductFields.read(input, false).toChanges(input);
    return products.update(id, changes).map(updated -> answer(updated.map(Product::response)));
  }

  /** {@code {id}}; admin. */
  public Future<BusReply> delete(BusRequest request) {
    request.caller().requireAdmin();
    return products.delete(request.id("Product")).map(deleted -> {
      if (!deleted) {
        throw notFound();
      }
      return BusReply.success();
    });
  }

  private static BusReply answer(Optional<Buffer> product) {
    return BusReply.okJson(product.orElseThrow(ProductHandlers::notFound));
  }

  private static ShopException notFound() {
    return ShopException.notFound("Product not found");
  }
}
