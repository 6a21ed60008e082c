package dev.shop.bench;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 8 asks that a faster listing keeps its {@code total} exact: after the listing run, the
 * totals the API gives for the whole catalogue and for a category are compared with a count in
 * the database.
 */
final class ListingTotals {

  private ListingTotals() {
  }

  /** A note for the listing row: "total exact", or which total was off. */
  static Future<String> check(Sender gateway, ProductDatabase database, Catalogue catalogue) {
    String category = catalogue.anyCategory();
    List<Future<String>> checks = Arrays.asList(compare(gateway, database, null), compare(gateway, database, category));
    return Future.all(checks).map(done -> {
      String problems = String.join("; ", checks.stream().map(Future::result).filter(p -> !p.isEmpty()).toList());
      return problems.isEmpty() ? "total exact" : problems;
    });
  }

  /** Empty when the API's total matches the database's count, else what differs. */
  private static Future<String> compare(Sender gateway, ProductDatabase database, String categorySlug) {
    String uri = "/products?pageSize=1" + (categorySlug == null ? "" : "&categorySlug=" + categorySlug);
    Future<Long> listed = gateway.call(Request.get(uri)).map(reply -> {
      if (!reply.is(200)) {
        throw reply.unexpected(uri);
      }
      return reply.json().getLong("total");
    });
    Future<Long> counted = database.countProducts(categorySlug);
    return Future.all(listed, counted).map(done -> listed.result().equals(counted.result()) ? ""
        : "total wrong: " + uri + " says " + listed.result() + ", the database holds " + counted.result());
  }
}
