package dev.shop.product.product;

import dev.shop.common.db.ColumnChanges;
import dev.shop.common.db.LikePatterns;
import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.EventTypes;
import dev.shop.common.event.Outbox;
import dev.shop.common.id.Ids;
import dev.shop.product.slug.UniqueSlugs;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The SQL of products: writes, lookups, and the filtered, searched, paged list. */
public final class ProductRepository {

  private static final String CATEGORY_FOREIGN_KEY = "products_category_id_fkey";
  private static final String SKU_KEY = "products_sku_key";
  private static final String INSERT_COLUMNS =
      "id, sku, name, slug, price_int, stock, description, image_urls, category_id, attributes, model3d_url";
  private static final String INSERT_VALUES = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11";
  /** Answers a written row of CTE {@code p} as {@link Product#COLUMNS} expects it. */
  private static final String SELECT_WRITTEN = " SELECT " + Product.COLUMNS
      + " FROM p LEFT JOIN categories c ON c.id = p.category_id";
  /**
   * The answers of the products of ids {@code $1}, in that order, joined by commas (the elements of
   * a JSON array); ids of no product are left out. Null when none is found.
   */
  private static final String ANSWERS_IN_ORDER = "(SELECT string_agg(" + Product.ANSWER + ", ',' ORDER BY k.n) "
      + "FROM unnest($1::uuid[]) WITH ORDINALITY AS k(id, n) JOIN (" + Product.FROM + ") ON p.id = k.id)";
  /**
   * The catalogue version as a column of a list query: one statement reads one snapshot, so the
   * answer is exactly that of this version.
   */
  private static final String VERSION = "(SELECT version FROM catalogue_version)";
  /** The most products one turn's lookups by id read in one statement; more start another. */
  private static final int IDS_PER_LOOKUP = 100;

  private final Pool pool;
  private final Outbox outbox;
  private final UniqueSlugs slugs;
  private final OneReadPerTurn<Long> answersVersionReads;
  private final LookupsPerTurn<UUID, Buffer> lookupsById;

  /** {@code outbox} receives the product events; null for a bulk import, which writes none. */
  public ProductRepository(Pool pool, Outbox outbox) {
    this.pool = pool;
    this.outbox = outbox;
    this.slugs = new UniqueSlugs(pool, "products", "products_slug_key");
    this.answersVersionReads = new OneReadPerTurn<>(() -> pool.preparedQuery(
            "SELECT answers_version FROM catalogue_version").execute()
        .map(rows -> rows.iterator().next().getLong(0)));
    this.lookupsById = new LookupsPerTurn<>(IDS_PER_LOOKUP, this::readById, this::readByIds);
  }

  /**
   * Creates the product with its {@code product.created} event; 409 for a taken sku or explicit
   * slug, 400 for an unknown category.
   */
  public Future<Product> insert(NewProduct product) {
    UUID id = Ids.newId();
    // One transaction per slug attempt: a conflict aborts the transaction it happens in.
    return slugs.insert(product.slug(), slug -> Transactions.inTransaction(pool, tx -> tx.preparedQuery("WITH p AS (INSERT INTO "
                + "products (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES + ") RETURNING *)" + SELECT_WRITTEN)
            .execute(insertTuple(id, slug, product))
            .map(rows -> Product.from(rows.iterator().next()))
            .compose(created -> emit(tx, EventTypes.PRODUCT_CREATED, created))))
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  private Future<Product> emit(SqlClient tx, String type, Product product) {
    return outbox.append(tx, type, product.toEvent()).map(product);
  }

  /**
   * Inserts many products in one batch, each with its explicit slug; products whose sku or slug
   * exists already are skipped. Answers how many were inserted. A bulk import: no events.
   */
  public Future<Integer> insertAll(List<NewProduct> products) {
    List<Tuple> tuples = products.stream().map(p -> insertTuple(Ids.newId(), p.slug().slug(), p)).toList();
    return pool.preparedQuery("INSERT INTO products (" + INSERT_COLUMNS + ") VALUES (" + INSERT_VALUES
            + ") ON CONFLICT DO NOTHING")
        .executeBatch(tuples)
        .map(ProductRepository::batchRowCount);
  }

  /**
   * The product's answer (ProductResponse as JSON bytes). The lookups of one turn of the event loop
   * are read in one statement ({@link LookupsPerTurn}).
   */
  public Future<Optional<Buffer>> findById(UUID id) {
    return lookupsById.get(id);
  }

  private Future<Optional<Buffer>> readById(UUID id) {
    return pool.preparedQuery("SELECT " + Product.ANSWER + " FROM " + Product.FROM + " WHERE p.id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, row -> row.getBuffer(0)));
  }

  private Future<Map<UUID, Buffer>> readByIds(Collection<UUID> ids) {
    return pool.preparedQuery("SELECT p.id, " + Product.ANSWER + " FROM " + Product.FROM + " WHERE p.id = ANY($1)")
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(rows -> {
          Map<UUID, Buffer> answers = new HashMap<>(rows.size() * 2);
          rows.forEach(row -> answers.put(row.getUUID(0), row.getBuffer(1)));
          return answers;
        });
  }

  public Future<Optional<Buffer>> findBySlug(String slug) {
    return pool.preparedQuery("SELECT " + Product.ANSWER + " FROM " + Product.FROM + " WHERE p.slug = $1")
        .execute(Tuple.of(slug))
        .map(rows -> Rows.first(rows, row -> row.getBuffer(0)));
  }

  /**
   * The answers of the products of {@code ids} that exist, in the order of {@code ids}, as the
   * elements of a JSON array (separated by commas; empty when none exists). No id may repeat.
   */
  public Future<Buffer> answersInOrder(Collection<UUID> ids) {
    return pool.preparedQuery("SELECT " + ANSWERS_IN_ORDER)
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(rows -> orEmpty(rows.iterator().next().getBuffer(0)));
  }

  /**
   * {@link #answersInOrder} with the catalogue version and the answers version of the same
   * snapshot (the one query of a list page whose ids were kept).
   */
  Future<VersionedAnswers> answersInOrderAtVersion(Collection<UUID> ids) {
    return pool.preparedQuery("SELECT version, answers_version, " + ANSWERS_IN_ORDER + " FROM catalogue_version")
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new VersionedAnswers(row.getLong(0), row.getLong(1), orEmpty(row.getBuffer(2)));
        });
  }

  /** Answers of a page, read in one snapshot with its catalogue version and its answers version (V7). */
  record VersionedAnswers(long version, long answersVersion, Buffer answers) {
  }

  /**
   * The answers version now: it changes with every write of a product or a category (V7). The
   * callers of one turn of the event loop share one read ({@link OneReadPerTurn}).
   */
  Future<Long> answersVersion() {
    return answersVersionReads.get();
  }

  private static Buffer orEmpty(Buffer answers) {
    return answers == null ? Buffer.buffer() : answers;
  }

  /**
   * The ids of the category of {@code slug} and of all its descendants (empty when there is no
   * such category). Resolved before the product query, rather than joined into it, so the planner
   * sees how many categories there are and picks the category index instead of guessing the size
   * of a recursive CTE.
   */
  Future<Versioned<List<UUID>>> subtreeIds(String slug) {
    return pool.preparedQuery("WITH RECURSIVE subtree AS (SELECT id FROM categories WHERE slug = $1 "
            + "UNION ALL SELECT child.id FROM categories child JOIN subtree s ON child.parent_id = s.id) "
            + "SELECT " + VERSION + ", array(SELECT id FROM subtree)")
        .execute(Tuple.of(slug))
        .map(rows -> versioned(rows, row -> List.of(row.getArrayOfUUIDs(1))));
  }

  /** The ids of a page of the list, in order. */
  Future<Versioned<List<UUID>>> pageIds(ProductQuery query, int limit, long offset) {
    Statement statement = pageStatement(query, limit, offset);
    return pool.preparedQuery(statement.sql()).execute(statement.parameters())
        .map(rows -> versioned(rows, row -> List.of(row.getArrayOfUUIDs(1))));
  }

  /** How many products match the list's filters. */
  Future<Versioned<Long>> count(ProductQuery query) {
    Statement statement = countStatement(query);
    return pool.preparedQuery(statement.sql()).execute(statement.parameters())
        .map(rows -> versioned(rows, row -> row.getLong(1)));
  }

  /** Reads a one-row answer whose first column is {@link #VERSION}. */
  private static <T> Versioned<T> versioned(RowSet<Row> rows, java.util.function.Function<Row, T> value) {
    Row row = rows.iterator().next();
    return new Versioned<>(row.getLong(0), value.apply(row));
  }

  /** Applies the changes; empty when the product does not exist. */
  Future<Optional<Product>> update(UUID id, ProductChanges changes) {
    ColumnChanges columns = new ColumnChanges()
        .setIfPresent("sku", changes.sku())
        .setIfPresent("name", changes.name())
        .setIfPresent("slug", changes.slug())
        .setIfPresent("price_int", changes.priceInt())
        .setIfPresent("stock", changes.stock())
        .setIfPresent("image_urls", changes.imageUrls() == null ? null : changes.imageUrls().toArray(new String[0]))
        .setIf(changes.descriptionGiven(), "description", changes.description())
        .setIf(changes.categoryGiven(), "category_id", changes.categoryId())
        .setIf(changes.attributesGiven(), "attributes", changes.attributes())
        .setIf(changes.model3dUrlGiven(), "model3d_url", changes.model3dUrl());
    return Transactions.inTransaction(pool, tx -> tx.preparedQuery("WITH p AS (UPDATE products SET "
                + columns.assignments(2, "updated_at = now()") + " WHERE id = $1 RETURNING *)" + SELECT_WRITTEN)
            .execute(columns.parameters(id))
            .map(rows -> Rows.first(rows, Product::from))
            .compose(updated -> updated.isEmpty() ? Future.succeededFuture(updated)
                : emit(tx, EventTypes.PRODUCT_UPDATED, updated.get()).map(updated)))
        .recover(failure -> Future.failedFuture(slugs.isConflict(failure) ? UniqueSlugs.taken() : translate(failure)));
  }

  /** Deletes the product with its {@code product.deleted} event; false when it does not exist. */
  Future<Boolean> delete(UUID id) {
    return Transactions.inTransaction(pool, tx -> tx.preparedQuery("DELETE FROM products WHERE id = $1 RETURNING id, sku")
        .execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : outbox.append(tx, EventTypes.PRODUCT_DELETED, new JsonObject().put("productId", id.toString())
                .put("sku", rows.iterator().next().getString("sku"))).map(true)));
  }

  /** A prepared statement's text and parameters. */
  record Statement(String sql, Tuple parameters) {
  }

  /**
   * The page query: filters, then relevance when searching without an explicit sort, then the
   * sort, then the id (so the order is total and pages are stable).
   */
  Statement pageStatement(ProductQuery query, int limit, long offset) {
    if (query.categoryIds() != null && query.searchWords().isEmpty()) {
      return categoryPageStatement(query, limit, offset);
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
  private static Statement categoryPageStatement(ProductQuery query, int limit, long offset) {
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

  /**
   * The count of the list's matches. A category subtree's is summed per category, each count read
   * from the (category, ...) index, as its pages are: counting a top category's tenth of the
   * catalogue in one scan left the planner a close call between the index and reading the whole
   * table, which it made either way from one ANALYZE sample to the next.
   */
  Statement countStatement(ProductQuery query) {
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

  private static Tuple insertTuple(UUID id, String slug, NewProduct product) {
    return Tuple.from(new Object[] {id, product.sku(), product.name(), slug, product.priceInt(), product.stock(),
        product.description(), product.imageUrls().toArray(new String[0]), product.categoryId(),
        product.attributes(), product.model3dUrl()});
  }

  private static Throwable translate(Throwable failure) {
    if (PgErrors.isUniqueViolation(failure, SKU_KEY)) {
      return ShopException.conflict("SKU is already in use", List.of(new FieldError("sku", "is already in use")));
    }
    if (PgErrors.isForeignKeyViolation(failure, CATEGORY_FOREIGN_KEY)) {
      return ShopException.invalidField("categoryId", "is not an existing category");
    }
    return failure;
  }

  private static int batchRowCount(RowSet<Row> rows) {
    int inserted = 0;
    for (RowSet<Row> batch = rows; batch != null; batch = batch.next()) {
      inserted += batch.rowCount();
    }
    return inserted;
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
