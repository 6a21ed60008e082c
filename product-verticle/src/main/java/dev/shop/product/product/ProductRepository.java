package dev.shop.product.product;

import dev.shop.common.db.ColumnChanges;
import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.Outbox;
import dev.shop.common.id.Ids;
import dev.shop.contract.product.ProductEvents;
import dev.shop.product.slug.UniqueSlugs;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of products: writes with their events, lookups, and the running of the list's statements
 * ({@link ListingStatements} builds them).
 */
public final class ProductRepository {

  private static final String CATEGORY_FOREIGN_KEY = "products_category_id_fkey";
  private static final String SKU_KEY = "products_sku_key";
  /** Inserts one product row of {@link #insertTuple}'s parameters. */
  static final String INSERT_ROW = "INSERT INTO products (id, sku, name, slug, price_int, stock, description, "
      + "image_urls, category_id, attributes, model3d_url) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
  /** Answers a written row of CTE {@code p} as {@link Product#COLUMNS} expects it. */
  private static final String SELECT_WRITTEN = " SELECT " + Product.COLUMNS
      + " FROM p LEFT JOIN categories c ON c.id = p.category_id";
  /**
   * The answers of the products of ids {@code $1}, in that order, joined by commas (the elements of
   * a JSON array); ids of no product are left out. Null when none is found.
   */
  private static final String ANSWERS_IN_ORDER = "(SELECT string_agg(" + Product.ANSWER + ", ',' ORDER BY k.n) "
      + "FROM unnest($1::uuid[]) WITH ORDINALITY AS k(id, n) JOIN (" + Product.FROM + ") ON p.id = k.id)";
  /** The most products one turn's lookups by id read in one statement; more start another. */
  private static final int IDS_PER_LOOKUP = 100;

  private final Pool pool;
  private final Outbox outbox;
  private final UniqueSlugs slugs;
  private final OneReadPerTurn<Long> answersVersionReads;
  private final LookupsPerTurn<UUID, Buffer> lookupsById;

  /** {@code outbox} receives the product events ({@link ProductImport} is the bulk path, without). */
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
    return slugs.insert(product.slug(), slug -> Transactions.inTransaction(pool, tx -> tx.preparedQuery(
                "WITH p AS (" + INSERT_ROW + " RETURNING *)" + SELECT_WRITTEN)
            .execute(insertTuple(id, slug, product))
            .map(rows -> Product.from(rows.iterator().next()))
            .compose(created -> emit(tx, ProductEvents.CREATED, created))))
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  private Future<Product> emit(SqlClient tx, String type, Product product) {
    return outbox.append(tx, type, product.toEvent()).map(product);
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

  /** The ids of the category of {@code slug} and of all its descendants (empty when there is none). */
  Future<Versioned<List<UUID>>> subtreeIds(String slug) {
    return versioned(ListingStatements.subtree(slug), row -> List.of(row.getArrayOfUUIDs(1)));
  }

  /** The ids of a page of the list, in order. */
  Future<Versioned<List<UUID>>> pageIds(ProductQuery query, int limit, long offset) {
    return versioned(ListingStatements.page(query, limit, offset), row -> List.of(row.getArrayOfUUIDs(1)));
  }

  /** How many products match the list's filters. */
  Future<Versioned<Long>> count(ProductQuery query) {
    return versioned(ListingStatements.count(query), row -> row.getLong(1));
  }

  /** Runs a list statement, whose one row's first column is {@link ListingStatements#VERSION}. */
  private <T> Future<Versioned<T>> versioned(ListingStatements.Statement statement,
      Function<Row, T> value) {
    return pool.preparedQuery(statement.sql()).execute(statement.parameters()).map(rows -> {
      Row row = rows.iterator().next();
      return new Versioned<>(row.getLong(0), value.apply(row));
    });
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
                : emit(tx, ProductEvents.UPDATED, updated.get()).map(updated)))
        .recover(failure -> Future.failedFuture(slugs.isConflict(failure) ? UniqueSlugs.taken() : translate(failure)));
  }

  /** Deletes the product with its {@code product.deleted} event; false when it does not exist. */
  Future<Boolean> delete(UUID id) {
    return Transactions.inTransaction(pool, tx -> tx.preparedQuery("DELETE FROM products WHERE id = $1 RETURNING id, sku")
        .execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : outbox.append(tx, ProductEvents.DELETED, new JsonObject().put("productId", id.toString())
                .put("sku", rows.iterator().next().getString("sku"))).map(true)));
  }

  /** The parameters of {@link #INSERT_ROW}. */
  static Tuple insertTuple(UUID id, String slug, NewProduct product) {
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
}
