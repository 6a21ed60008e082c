package dev.shop.cart.cart;

import dev.shop.common.db.Rows;
import dev.shop.common.db.Transactions;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.contract.product.ProductSummary;
import dev.shop.contract.product.ProductsByIdsRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The SQL of carts and their lines. Every change finds the cart through its owner, so nobody
 * reaches another owner's lines. Every write locks the cart's row before any of its lines (the
 * one lock order of this database, db/migration/cart/LOCKING.md): two writes to one cart then
 * queue on the cart row and never deadlock.
 */
public final class CartRepository {

  /** The most different products a cart holds: all of them are shown with one product request. */
  static final int MAX_LINES = ProductsByIdsRequest.MAX_IDS;

  private final Pool pool;

  public CartRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Optional<Cart>> find(CartOwner owner) {
    return pool.preparedQuery("SELECT " + Cart.COLUMNS + " FROM carts WHERE " + owner.column() + " = $1")
        .execute(Tuple.of(owner.key()))
        .map(rows -> Rows.first(rows, Cart::from));
  }

  /** The cart's lines, oldest first. */
  Future<List<CartItem>> items(UUID cartId) {
    return pool.preparedQuery("SELECT " + CartItem.COLUMNS + " FROM cart_items WHERE cart_id = $1 "
            + "ORDER BY created_at, id")
        .execute(Tuple.of(cartId))
        .map(rows -> Rows.all(rows, CartItem::from));
  }

  /** Deletes the lines of products that no longer exist. */
  Future<Void> removeProducts(UUID cartId, Collection<UUID> productIds) {
    return Transactions.inTransaction(pool, connection -> connection
        .preparedQuery("SELECT id FROM carts WHERE id = $1 FOR NO KEY UPDATE")
        .execute(Tuple.of(cartId))
        .compose(locked -> connection.preparedQuery("DELETE FROM cart_items WHERE cart_id = $1 AND product_id = ANY($2)")
            .execute(Tuple.tuple().addUUID(cartId).addArrayOfUUID(productIds.toArray(new UUID[0])))))
        .mapEmpty();
  }

  /**
   * Adds {@code quantity} of the product to the owner's cart, creating the cart and the line as
   * needed. A new line keeps today's price; an existing line keeps its own. Concurrent adds meet on
   * the unique keys and sum up; the stock check applies to the line's resulting quantity (409).
   */
  Future<Void> add(CartOwner owner, ProductSummary product, int quantity) {
    LineQuantity.check(product, quantity);
    return Transactions.inTransaction(pool, connection -> lockOrCreate(connection, owner)
        .compose(cartId -> connection.preparedQuery("SELECT count(*), coalesce(bool_or(product_id = $2), false) "
                + "FROM cart_items WHERE cart_id = $1")
            .execute(Tuple.of(cartId, product.id()))
            .compose(lines -> {
              Row row = lines.iterator().next();
              if (!row.getBoolean(1) && row.getLong(0) >= MAX_LINES) {
                throw ShopException.conflict("A cart holds at most " + MAX_LINES + " different products");
              }
              return connection.preparedQuery("INSERT INTO cart_items (id, cart_id, product_id, quantity, price_int) "
                      + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (cart_id, product_id) DO UPDATE "
                      + "SET quantity = cart_items.quantity + EXCLUDED.quantity "
                      + "WHERE cart_items.quantity + EXCLUDED.quantity <= $6")
                  .execute(Tuple.of(Ids.newId(), cartId, product.id(), quantity, product.priceInt(),
                      LineQuantity.limit(product)));
            }))
        .map(written -> {
          if (written.rowCount() == 0) {
            throw LineQuantity.tooMany(product);
          }
          return null;
        }));
  }

  /** The product of the owner's line {@code itemId}; empty when the owner has no such line. */
  Future<Optional<UUID>> productOf(CartOwner owner, UUID itemId) {
    return pool.preparedQuery("SELECT product_id FROM cart_items WHERE id = $1 "
            + "AND cart_id = (SELECT id FROM carts WHERE " + owner.column() + " = $2)")
        .execute(Tuple.of(itemId, owner.key()))
        .map(rows -> Rows.first(rows, row -> row.getUUID(0)));
  }

  /** False when the owner has no such line. */
  Future<Boolean> setQuantity(CartOwner owner, UUID itemId, int quantity) {
    return inLockedCart(owner, (connection, cartId) -> changeLines(connection,
        "UPDATE cart_items SET quantity = $3 WHERE cart_id = $1 AND id = $2", Tuple.of(cartId, itemId, quantity)));
  }

  /** False when the owner has no such line. */
  Future<Boolean> remove(CartOwner owner, UUID itemId) {
    return inLockedCart(owner, (connection, cartId) -> changeLines(connection,
        "DELETE FROM cart_items WHERE cart_id = $1 AND id = $2", Tuple.of(cartId, itemId)));
  }

  /** Empties the owner's cart (if any); the cart itself, and its id, remain. */
  Future<Void> clear(CartOwner owner) {
    return inLockedCart(owner, (connection, cartId) -> changeLines(connection,
        "DELETE FROM cart_items WHERE cart_id = $1", Tuple.of(cartId))).mapEmpty();
  }

  /**
   * Merges the session's cart into the user's in one transaction: quantities of a product in both
   * add up (at most 999 a line, the user's line keeps its price), the other lines move over as
   * they are, and the session cart is deleted. 409, changing nothing, when the merged cart would
   * hold more than {@link #MAX_LINES} products. Stock is not checked here: checkout does.
   */
  Future<CartTransfer> transfer(String sessionId, CartOwner user) {
    return Transactions.inTransaction(pool, connection -> lockOrCreate(connection, user)
        .compose(userCart -> connection.preparedQuery("SELECT id FROM carts WHERE session_id = $1 FOR UPDATE")
            .execute(Tuple.of(sessionId))
            .compose(rows -> Rows.first(rows, row -> row.getUUID(0))
                .map(sessionCart -> merge(connection, userCart, sessionCart))
                .orElseGet(() -> Future.succeededFuture(new CartTransfer(userCart, 0))))));
  }

  private static Future<CartTransfer> merge(SqlConnection connection, UUID userCart, UUID sessionCart) {
    Tuple carts = Tuple.of(userCart, sessionCart);
    return connection.preparedQuery("SELECT count(DISTINCT product_id) FROM cart_items WHERE cart_id IN ($1, $2)")
        .execute(carts)
        .compose(count -> {
          if (Rows.singleLong(count) > MAX_LINES) {
            throw ShopException.conflict("A cart holds at most " + MAX_LINES + " different products");
          }
          return connection.preparedQuery("UPDATE cart_items u SET quantity = LEAST(u.quantity + s.quantity, "
                  + LineQuantity.MAX + ") FROM cart_items s "
                  + "WHERE u.cart_id = $1 AND s.cart_id = $2 AND s.product_id = u.product_id")
              .execute(carts);
        })
        .compose(v -> connection.preparedQuery("DELETE FROM cart_items s WHERE s.cart_id = $2 AND EXISTS "
                + "(SELECT 1 FROM cart_items u WHERE u.cart_id = $1 AND u.product_id = s.product_id)")
            .execute(carts))
        .compose(merged -> connection.preparedQuery("UPDATE cart_items SET cart_id = $1 WHERE cart_id = $2")
            .execute(carts)
            .compose(moved -> connection.preparedQuery("WITH gone AS (DELETE FROM carts WHERE id = $2) "
                    + "UPDATE carts SET updated_at = now() WHERE id = $1")
                .execute(carts)
                .map(v -> new CartTransfer(userCart, merged.rowCount() + moved.rowCount()))));
  }

  /**
   * Takes {@code ordered} (quantities by product) out of the user's cart in one transaction: lines
   * left with nothing are deleted, products not in the cart are ignored. An add racing it waits for
   * it on the cart row (or it for the add), so units added meanwhile are never taken out.
   */
  Future<Void> removeOrdered(CartOwner user, Map<UUID, Integer> ordered) {
    String orderedLines = "unnest($2::uuid[], $3::int[]) AS o(product_id, quantity)";
    return inLockedCart(user, (connection, cartId) -> {
      Tuple parameters = Tuple.of(cartId, ordered.keySet().toArray(new UUID[0]),
          ordered.values().toArray(new Integer[0]));
      return changeLines(connection, "DELETE FROM cart_items c USING " + orderedLines
              + " WHERE c.cart_id = $1 AND c.product_id = o.product_id AND c.quantity <= o.quantity", parameters)
          .compose(v -> changeLines(connection, "UPDATE cart_items c SET quantity = c.quantity - o.quantity FROM "
              + orderedLines + " WHERE c.cart_id = $1 AND c.product_id = o.product_id", parameters));
    }).mapEmpty();
  }

  /**
   * Runs {@code change} on the owner's cart in a transaction that has locked the cart's row first;
   * false, changing nothing, when the owner has no cart.
   */
  private Future<Boolean> inLockedCart(CartOwner owner, BiFunction<SqlConnection, UUID, Future<Boolean>> change) {
    return Transactions.inTransaction(pool, connection -> connection
        .preparedQuery("SELECT id FROM carts WHERE " + owner.column() + " = $1 FOR NO KEY UPDATE")
        .execute(Tuple.of(owner.key()))
        .compose(rows -> Rows.first(rows, row -> row.getUUID(0))
            .map(cartId -> change.apply(connection, cartId))
            .orElseGet(() -> Future.succeededFuture(false))));
  }

  /** Locks the owner's cart row for the transaction, creating the cart first if needed; answers its id. */
  private static Future<UUID> lockOrCreate(SqlConnection connection, CartOwner owner) {
    return connection.preparedQuery("INSERT INTO carts (id, user_id, session_id) VALUES ($1, $2, $3) "
            + "ON CONFLICT (" + owner.column() + ") DO UPDATE SET updated_at = now() RETURNING id")
        .execute(Tuple.of(Ids.newId(), owner.userId(), owner.sessionId()))
        .map(rows -> rows.iterator().next().getUUID(0));
  }

  /**
   * Runs {@code change} (an UPDATE or DELETE of lines) and marks the carts it touched as updated;
   * true when it changed a line.
   */
  private static Future<Boolean> changeLines(SqlClient client, String change, Tuple parameters) {
    return client.preparedQuery("WITH changed AS (" + change + " RETURNING cart_id) "
            + "UPDATE carts SET updated_at = now() WHERE id IN (SELECT cart_id FROM changed)")
        .execute(parameters)
        .map(rows -> rows.rowCount() > 0);
  }
}
