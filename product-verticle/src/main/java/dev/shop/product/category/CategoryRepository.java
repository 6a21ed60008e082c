package dev.shop.product.category;

import dev.shop.common.db.ColumnChanges;
import dev.shop.common.db.LikePatterns;
import dev.shop.common.db.PgErrors;
import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.product.slug.UniqueSlugs;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The SQL of the category tree. */
public final class CategoryRepository {

  private static final String PARENT_FOREIGN_KEY = "categories_parent_id_fkey";
  /** Serialises moves inside the tree, so two concurrent moves cannot close a cycle. */
  private static final long TREE_MOVE_LOCK = 0x5f0a_7e3e_0001L;
  private static final String FILTER = "WHERE ($1::text IS NULL OR name_folded LIKE '%' || shop_fold($1) || '%') "
      + "AND ($2::text IS NULL OR parent_id = (SELECT id FROM categories WHERE slug = $2))";

  private final Pool pool;
  private final UniqueSlugs slugs;

  public CategoryRepository(Pool pool) {
    this.pool = pool;
    this.slugs = new UniqueSlugs(pool, "categories", "categories_slug_key");
  }

  /** Creates the category; 409 when an explicit slug is taken, 400 when the parent is unknown. */
  public Future<Category> insert(NewCategory category) {
    UUID id = Ids.newId();
    return slugs.insert(category.slug(), slug -> pool.preparedQuery("INSERT INTO categories "
                + "(id, name, slug, description, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING " + Category.COLUMNS)
            .execute(Tuple.of(id, category.name(), slug, category.description(), category.parentId())))
        .recover(failure -> Future.failedFuture(PgErrors.isForeignKeyViolation(failure, PARENT_FOREIGN_KEY)
            ? unknownParent() : failure))
        .map(rows -> Category.from(rows.iterator().next()));
  }

  public Future<Optional<Category>> findById(UUID id) {
    return pool.preparedQuery("SELECT " + Category.COLUMNS + " FROM categories WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, Category::from));
  }

  public Future<Optional<Category>> findBySlug(String slug) {
    return pool.preparedQuery("SELECT " + Category.COLUMNS + " FROM categories WHERE slug = $1")
        .execute(Tuple.of(slug))
        .map(rows -> Rows.first(rows, Category::from));
  }

  /** The category with its parent and its children (by name). */
  Future<CategoryTree> tree(Category category) {
    Future<Optional<Category>> parent = category.parentId() == null
        ? Future.succeededFuture(Optional.empty())
        : findById(category.parentId());
    Future<List<Category>> children = pool.preparedQuery("SELECT " + Category.COLUMNS
            + " FROM categories WHERE parent_id = $1 ORDER BY name_folded, id")
        .execute(Tuple.of(category.id()))
        .map(rows -> Rows.all(rows, Category::from));
    return Future.all(parent, children)
        .map(both -> new CategoryTree(category, parent.result().orElse(null), children.result()));
  }

  /**
   * A page of categories by name; {@code q} matches names ignoring case and accents,
   * {@code parentSlug} keeps the direct children of that category.
   */
  Future<List<Category>> list(String q, String parentSlug, int limit, long offset) {
    return pool.preparedQuery("SELECT " + Category.COLUMNS + " FROM categories " + FILTER
            + " ORDER BY name_folded, id LIMIT $3 OFFSET $4")
        .execute(Tuple.of(escaped(q), parentSlug, limit, offset))
        .map(rows -> Rows.all(rows, Category::from));
  }

  Future<Long> count(String q, String parentSlug) {
    return pool.preparedQuery("SELECT count(*) FROM categories " + FILTER)
        .execute(Tuple.of(escaped(q), parentSlug))
        .map(Rows::singleLong);
  }

  /**
   * Applies the changes; empty when the category does not exist. A new parent must exist (400)
   * and must not be the category or one of its descendants (400).
   */
  Future<Optional<Category>> update(UUID id, CategoryChanges changes) {
    ColumnChanges columns = new ColumnChanges()
        .setIfPresent("name", changes.name())
        .setIfPresent("slug", changes.slug())
        .setIf(changes.descriptionGiven(), "description", changes.description())
        .setIf(changes.parentGiven(), "parent_id", changes.parentId());
    return Transactions.inTransaction(pool, connection -> {
      Future<Void> checked = changes.parentGiven() && changes.parentId() != null
          ? checkNewParent(connection, id, changes.parentId())
          : Future.succeededFuture();
      return checked.compose(v -> connection.preparedQuery("UPDATE categories SET "
              + columns.assignments(2, "updated_at = now()") + " WHERE id = $1 RETURNING " + Category.COLUMNS)
          .execute(columns.parameters(id)));
    }).recover(failure -> Future.failedFuture(slugs.isConflict(failure) ? UniqueSlugs.taken()
            : PgErrors.isForeignKeyViolation(failure, PARENT_FOREIGN_KEY) ? unknownParent() : failure))
        .map(rows -> Rows.first(rows, Category::from));
  }

  /**
   * Deletes a category without children (409 otherwise); its products lose their category
   * (the foreign key sets it to null). False when it does not exist. Its products are locked
   * first, in id order: the foreign key's update would lock them in the index's order, against
   * the id order in which reservations and releases lock several products (LOCKING.md).
   */
  Future<Boolean> delete(UUID id) {
    return Transactions.inTransaction(pool, connection -> connection
            .preparedQuery("SELECT 1 FROM products WHERE category_id = $1 ORDER BY id FOR NO KEY UPDATE")
            .execute(Tuple.of(id))
            .compose(locked -> connection.preparedQuery("DELETE FROM categories WHERE id = $1").execute(Tuple.of(id))))
        .recover(failure -> Future.failedFuture(PgErrors.isForeignKeyViolation(failure, PARENT_FOREIGN_KEY)
            ? ShopException.conflict("Category has child categories; move or delete them first")
            : failure))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Locks tree moves, then checks the new parent exists and is not the category or below it. */
  private static Future<Void> checkNewParent(SqlConnection connection, UUID id, UUID parentId) {
    if (parentId.equals(id)) {
      return Future.failedFuture(ownAncestor());
    }
    return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(TREE_MOVE_LOCK))
        .compose(locked -> connection.preparedQuery("WITH RECURSIVE ancestors AS ("
                + "SELECT id, parent_id FROM categories WHERE id = $1 "
                + "UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN ancestors a ON c.id = a.parent_id) "
                + "SELECT count(*) AS found, count(*) FILTER (WHERE id = $2) AS cycle FROM ancestors")
            .execute(Tuple.of(parentId, id)))
        .compose(rows -> {
          var row = rows.iterator().next();
          if (row.getLong("found") == 0) {
            return Future.failedFuture(unknownParent());
          }
          if (row.getLong("cycle") > 0) {
            return Future.failedFuture(ownAncestor());
          }
          return Future.succeededFuture();
        });
  }

  private static String escaped(String q) {
    return q == null ? null : LikePatterns.escape(q);
  }

  private static ShopException unknownParent() {
    return ShopException.invalidField("parentId", "is not an existing category");
  }

  private static ShopException ownAncestor() {
    return ShopException.invalidField("parentId", "would make the category its own ancestor");
  }
}
