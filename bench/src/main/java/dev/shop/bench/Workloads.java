package dev.shop.bench;

import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The scenarios of issue 8, as traffic against the gateway's REST contract. */
final class Workloads {

  /** Words the seeded catalogue holds (the product service's SeedCatalogue), with and without accents. */
  static final List<String> SEARCHES = List.of("samsung", "dien thoai", "điện thoại", "laptop", "tai nghe",
      "iphone 15", "sony", "laptop gaming", "nồi cơm điện", "noi com", "xe dap", "giày nam", "sofa",
      "tiểu thuyết", "chao chong dinh", "galaxy tab");
  private static final String[] SEARCH_URIS = SEARCHES.stream()
      .map(words -> "/products?search=" + URLEncoder.encode(words, StandardCharsets.UTF_8).replace("+", "%20"))
      .toArray(String[]::new);
  private static final String[] SORTS = {null, "price_asc", "price_desc", "name"};
  private static final int LISTING_PAGES = 50;
  /** A visitor adds this many items, then leaves; a new one (a new session) takes its place. */
  private static final int ITEMS_PER_CART = 5;

  private final Catalogue catalogue;
  private final List<String> buyers;
  private final StockLedger ledger;

  /** {@code buyers} and {@code ledger} may be empty and null when no scenario checks out. */
  Workloads(Catalogue catalogue, List<String> buyers, StockLedger ledger) {
    this.catalogue = catalogue;
    this.buyers = buyers;
    this.ledger = ledger;
  }

  Workload productById() {
    return new Workload("product-by-id", user -> this::productRequest);
  }

  Workload listing() {
    return new Workload("listing", user -> this::listingRequest);
  }

  Workload search() {
    return new Workload("search", user -> Workloads::searchRequest);
  }

  Workload cartAdd() {
    return new Workload("cart-add", user -> new CartVisitor());
  }

  Workload checkout() {
    return new Workload("checkout", user -> {
      String buyer = buyers.get(user % buyers.size());
      return () -> ledger.order(buyer);
    });
  }

  /** A browse-and-buy journey: 60% product pages, 20% listings, 12% searches, 6% cart adds, 2% checkouts. */
  Workload mixed(String name) {
    return new Workload(name, user -> {
      CartVisitor cart = new CartVisitor();
      String buyer = buyers.get(user % buyers.size());
      return () -> {
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (dice < 60) {
          return productRequest();
        }
        if (dice < 80) {
          return listingRequest();
        }
        if (dice < 92) {
          return searchRequest();
        }
        return dice < 98 ? cart.next() : ledger.order(buyer);
      };
    });
  }

  private Request productRequest() {
    return Request.get("/products/" + catalogue.anyProduct());
  }

  /** Pages 1 to 50 of the catalogue or of a category, in any of the orders. */
  private Request listingRequest() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder uri = new StringBuilder("/products?page=").append(1 + random.nextInt(LISTING_PAGES));
    if (random.nextBoolean()) {
      uri.append("&categorySlug=").append(catalogue.anyCategory());
    }
    String sort = SORTS[random.nextInt(SORTS.length)];
    if (sort != null) {
      uri.append("&sort=").append(sort);
    }
    return Request.get(uri.toString());
  }

  private static Request searchRequest() {
    return Request.get(Catalogue.pick(SEARCH_URIS));
  }

  /** An anonymous visitor adding products in stock to its session's cart, one at a time. */
  private final class CartVisitor implements Shopper {

    private String sessionId;
    private int added;

    @Override
    public Request next() {
      if (added++ % ITEMS_PER_CART == 0) {
        sessionId = "bench-" + UUID.randomUUID();
      }
      JsonObject item = new JsonObject().put("sessionId", sessionId).put("productId", catalogue.productInStock())
          .put("quantity", 1);
      return Request.post("/cart/items", item.toBuffer(), null);
    }
  }
}
