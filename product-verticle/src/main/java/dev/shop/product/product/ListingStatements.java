package dev.shop.product.product;

import dev.shop.common.db.LikePatterns;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The SQL of the product list: the category subtree a list is filtered by, and the page and count
 * statements built from a {@link ProductQuery} (filters, search and its ranking, sort). Each
 * statement's first column is {@link #VERSION}: one statement reads one snapshot, so its answer is
 * exactly that of this catalogue version. {@link ProductRepository} runs them.
 */
final class ListingStatements {

  /** The catalogue version as a column of a list query. */
  static final String VERSION = "(SELECT version FROM catalogue_version)";

  private ListingStatements() {
  }

  /** A prepared statement's text and parameters. */
  record Statement(String sql, Tuple parameters) {
  }

  /**
   * The ids of the category of {@code slug} and of all its descendants (empty when there is no
   * such category). Resolved before the product query, rather than joined into it, so the planner
   * sees how many categories there are and picks the category index instead of guessing the size
   * of a recursive CTE.
   */
  static Statement subtree(String slug) {
    return new Statement("WITH RECURSIVE subtree AS (SELECT id FROM categories WHERE slug = $1 "
        + "UNION ALL SELECT child.id FROM categories child JOIN subtree s ON child.parent_id = s.id) "
        + "SELECT " + VERSION + ", array(SELECT id FROM subtree)", Tuple.of(slug));
  }

  /**
   * The page query: filters, then relevance when searching without an explicit sort, then the
   * sort, then the id (so the order is total and pages are stable).
   */
  static Statement page(ProductQuery query, int limit, long offset) {
    if (query.categoryIds() != null && query.searchWords().isEmpty()) {
      return categoryPage(query, limit, offset);
    }
    Parameters parameters = new Parameters();
    String where = where(conditions(query, parameters, true));
    List<String> order = new ArrayList<>();
    if (query.search() != null && query.sort() == null) {
      order.add(relevance(query, parameters));
      order.add("similarity(p.name_folded, shop_fold(" + parameters.add(query.search()) + ")) DESC");
    }
    order.add(sortOf(query).orderBy);
    String sql = "SELECT " + VERSION + ", array(SELECT p.id FROM products p" + where
        + " ORDER BY " + String.join(", ", order)
        + " LIMIT " + parameters.add(limit) + " OFFSET " + parameters.add(offset) + ")";
    return new Statement(sql, parameters.tuple());
  }

  /**
   * A page of a category subtree, in the list's order: the first {@code offset + limit} products of
   * each category, read in order from its (category, order key, id) index, merged. Sorting the
   * whole subtree instead (tens of thousands of rows for a top category, on every page) is what
   * this avoids: a page reads at most categories × (offset + limit) index entries, and only the
   * index (the inner query selects nothing else) unless a filter needs the row.
   */
  private static Statement categoryPage(ProductQuery query, int limit, long offset) {
    Parameters parameters = new Parameters();
    String categories = eachCategory(query, parameters);
    String where = where(categoryConditions(query, parameters));
    ProductSort sort = sortOf(query);
    String sql = "SELECT " + VERSION + ", array(SELECT p.id FROM " + categories
        + "CROSS JOIN LATERAL (SELECT p.id, " + sort.key + " FROM products p" + where
        + " ORDER BY " + sort.orderBy + " LIMIT " + parameters.add(offset + limit) + ") p"
        + " ORDER BY " + sort.orderBy + " LIMIT " + parameters.add(limit) + " OFFSET " + parameters.add(offset) + ")";
    return new Statement(sql, parameters.tuple());
  }

  /**
   * The count of the list's matches. A category subtree's is summed per category, each count read
   * from the (category, ...) index, as its pages are: counting a top category's tenth of the
   * catalogue in one scan left the planner a close call between the index and reading the whole
   * table, which it made either way from one ANALYZE sample to the next.
   */
  static Statement count(ProductQuery query) {
    if (query.categoryIds() != null && query.searchWords().isEmpty()) {
      Parameters parameters = new Parameters();
      String categories = eachCategory(query, parameters);
      String where = where(categoryConditions(query, parameters));
      return new Statement("SELECT " + VERSION + ", (SELECT coalesce(sum(k.n), 0)::bigint FROM " + categories
          + "CROSS JOIN LATERAL (SELECT count(*) AS n FROM products p" + where + ") k)", parameters.tuple());
    }
    Parameters parameters = new Parameters();
    return new Statement("SELECT " + VERSION + ", count(*) FROM products p" + where(conditions(query, parameters, true)),
        parameters.tuple());
  }

  /** {@code unnest(<the subtree's category ids>) AS c(id) }: the rows a per-category query runs for. */
  private static String eachCategory(ProductQuery query, Parameters parameters) {
    return "unnest(" + parameters.add(query.categoryIds().toArray(new UUID[0])) + "::uuid[]) AS c(id) ";
  }

  /** The list's filters within category {@code c.id} of {@link #eachCategory}. */
  private static List<String> categoryConditions(ProductQuery query, Parameters parameters) {
    List<String> conditions = conditions(query, parameters, false);
    conditions.add(0, "p.category_id = c.id");
    return conditions;
  }

  private static ProductSort sortOf(ProductQuery query) {
    return query.sort() == null ? ProductSort.NEWEST : query.sort();
  }

  /** The list's filters; the category one only if {@code withCategories}. */
  private static List<String> conditions(ProductQuery query, Parameters parameters, boolean withCategories) {
    List<String> conditions = new ArrayList<>();
    if (withCategories && query.categoryIds() != null) {
      conditions.add("p.category_id = ANY(" + parameters.add(query.categoryIds().toArray(new UUID[0])) + ")");
    }
    for (String word : query.searchWords()) {
      conditions.add(contains("p.search_text", word, parameters));
    }
    if (query.minPriceInt() != null) {
      conditions.add("p.price_int >= " + parameters.add(query.minPriceInt()));
    }
    if (query.maxPriceInt() != null) {
      conditions.add("p.price_int <= " + parameters.add(query.maxPriceInt()));
    }
    if (query.inStockOnly()) {
      conditions.add("p.stock > 0");
    }
    return conditions;
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /**
   * Ranks matches: an exact sku or name first, then names starting with the search, then names
   * containing every word, then the rest (matches in the description or part of a sku).
   */
  private static String relevance(ProductQuery query, Parameters parameters) {
    String search = parameters.add(query.search());
    List<String> nameHasWords = new ArrayList<>();
    for (String word : query.searchWords()) {
      nameHasWords.add(contains("p.name_folded", word, parameters));
    }
    return "CASE WHEN lower(p.sku) = lower(" + search + ") OR p.name_folded = shop_fold(" + search + ") THEN 0"
        + " WHEN p.name_folded LIKE shop_fold(" + parameters.add(LikePatterns.escape(query.search())) + ") || '%' THEN 1"
        + " WHEN " + String.join(" AND ", nameHasWords) + " THEN 2 ELSE 3 END";
  }

  /** {@code column} (folded text) contains {@code word}, ignoring case and accents. */
  private static String contains(String column, String word, Parameters parameters) {
    return column + " LIKE '%' || shop_fold(" + parameters.add(LikePatterns.escape(word)) + ") || '%'";
  }

  /** The numbered parameters of a statement built piece by piece. */
  private static final class Parameters {

    private final List<Object> values = new ArrayList<>();

    /** Adds a value and answers its placeholder. */
    String add(Object value) {
      values.add(value);
      return "$" + values.size();
    }

    Tuple tuple() {
      return Tuple.from(values);
    }
  }
}
