package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The {@code checkout-floor} scenario: what a checkout's durable writes alone cost this machine's
 * PostgreSQL, with no HTTP, no bus, no JSON and no events. On a scratch database of the platform's
 * own server, each virtual user sends, on a connection of its own, one statement per checkout as
 * the checkout scenario's buyers shape them (one to three lines of one or two units from 500
 * products): the products' rows locked in id order and their stock checked and taken, an order and
 * its lines inserted, committed. One round trip and one commit per checkout, on tables with no
 * column or index beyond what that needs: a ceiling no implementation of checkout can pass on this
 * server, printed beside the platform's checkout.
 */
final class CheckoutFloor {

  private static final String DATABASE = "bench_checkout_floor";
  private static final int PRODUCTS = 100_000;
  private static final int BOUGHT_PRODUCTS = 500;

  private static final String SCHEMA = """
      CREATE TABLE stock (id uuid PRIMARY KEY, stock integer NOT NULL CHECK (stock >= 0));
      INSERT INTO stock SELECT md5(i::text)::uuid, 1000000 FROM generate_series(1, %d) i;
      CREATE TABLE orders (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE order_lines (order_id uuid NOT NULL REFERENCES orders, product_id uuid NOT NULL,
        quantity integer NOT NULL, PRIMARY KEY (order_id, product_id));
      CREATE FUNCTION checkout(p_order uuid, p_products uuid[], p_quantities integer[]) RETURNS boolean
        LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM stock s WHERE s.id = ANY (p_products) ORDER BY s.id FOR UPDATE;
        UPDATE stock s SET stock = s.stock - w.quantity
          FROM unnest(p_products, p_quantities) AS w (id, quantity)
          WHERE s.id = w.id AND s.stock >= w.quantity;
        IF NOT FOUND THEN
          RETURN false;
        END IF;
        INSERT INTO orders (id) VALUES (p_order);
        INSERT INTO order_lines SELECT p_order, w.id, w.quantity FROM unnest(p_products, p_quantities) AS w (id, quantity);
        RETURN true;
      END $$;
      ANALYZE stock;
      """.formatted(PRODUCTS);

  private final Vertx vertx;
  private final PgConnectOptions server;
  private final UUID[] products = new UUID[BOUGHT_PRODUCTS];

  /** {@code productDatabaseUrl}: the platform's catalogue; the scratch database is made on its server. */
  CheckoutFloor(Vertx vertx, String productDatabaseUrl) {
    this.vertx = vertx;
    this.server = PgConnectOptions.fromUri(productDatabaseUrl);
  }

  /** Makes the scratch database afresh, measures, and drops it. */
  Future<Recorder> run(int users, Duration warmup, Duration measured) {
    return withAdmin(admin -> admin.query("DROP DATABASE IF EXISTS " + DATABASE).execute()
            .compose(v -> admin.query("CREATE DATABASE " + DATABASE).execute()))
        .compose(v -> {
          Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(users))
              .connectingTo(new PgConnectOptions(server).setDatabase(DATABASE)).using(vertx).build();
          return pool.query(SCHEMA).execute()
              .compose(created -> pool.query("SELECT id FROM stock ORDER BY id LIMIT " + BOUGHT_PRODUCTS).execute())
              .compose(rows -> {
                int i = 0;
                for (Row row : rows) {
                  products[i++] = row.getUUID(0);
                }
                return load(pool, users, warmup, measured);
              })
              .eventually(pool::close);
        })
        .eventually(() -> withAdmin(admin -> admin.query("DROP DATABASE IF EXISTS " + DATABASE).execute()));
  }

  private <T> Future<T> withAdmin(Function<SqlClient, Future<T>> work) {
    Pool admin = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
        .connectingTo(new PgConnectOptions(server).setDatabase("postgres")).using(vertx).build();
    return work.apply(admin).eventually(admin::close);
  }

  /** The closed model over the pool's connections, one virtual user each. */
  private Future<Recorder> load(Pool pool, int users, Duration warmup, Duration measured) {
    ClosedLoad.VirtualUser buyer = () -> pool.preparedQuery("SELECT checkout($1, $2, $3)").execute(lines())
        // Stock never runs out here (a million units each): a refusal would be a fault of the script.
        .map(rows -> rows.iterator().next().getBoolean(0) ? 200 : 409);
    return ClosedLoad.run(vertx, n -> buyer, users, Duration.ZERO, warmup, measured, null);
  }

  /** A new order of one to three distinct products, one or two units each, as the checkout scenario's. */
  private Tuple lines() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    TreeMap<UUID, Integer> lines = new TreeMap<>();
    int count = 1 + random.nextInt(3);
    while (lines.size() < count) {
      lines.put(products[random.nextInt(products.length)], 1 + random.nextInt(2));
    }
    return Tuple.of(UUID.randomUUID(), lines.keySet().toArray(UUID[]::new), lines.values().toArray(Integer[]::new));
  }
}
