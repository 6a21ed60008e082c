package dev.shop.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * What this machine can do at best for {@code GET /products/:id}: the product service's own query
 * (the product's answer, as PostgreSQL writes it at each write of the row, with its category's),
 * one prepared SELECT, with no gateway, no bus and no service in between. The platform's
 * throughput is judged as a share of this one's: what it costs beyond the database.
 */
final class ReferenceServer extends VerticleBase {

  /** The product service's lookup by id (ProductRepository.findById). */
  private static final String SELECT = "SELECT product_answer(p.response_head, c.response) "
      + "FROM products p LEFT JOIN categories c ON c.id = p.category_id WHERE p.id = $1";

  private final Pool pool;
  private final int port;

  ReferenceServer(Pool pool, int port) {
    this.pool = pool;
    this.port = port;
  }

  /**
   * One server per core on {@code port}, sharing a pool of {@code poolSize} connections to the
   * product database (8 is what each platform service gets by default).
   */
  static Future<String> deploy(Vertx vertx, String productDatabaseUrl, int port, int poolSize) {
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize))
        .connectingTo(PgConnectOptions.fromUri(productDatabaseUrl).setCachePreparedStatements(true))
        .using(vertx).build();
    return vertx.deployVerticle(() -> new ReferenceServer(pool, port),
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()));
  }

  @Override
  public Future<?> start() {
    PreparedQuery<RowSet<Row>> lookup = pool.preparedQuery(SELECT);
    Router router = Router.router(vertx);
    router.get("/products/:id").handler(ctx -> answer(ctx, lookup));
    return vertx.createHttpServer().requestHandler(router).listen(port);
  }

  private static void answer(RoutingContext ctx, PreparedQuery<RowSet<Row>> lookup) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException notAnId) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    lookup.execute(Tuple.of(id)).onComplete(rows -> {
      if (rows.failed()) {
        ctx.response().setStatusCode(500).end();
      } else if (rows.result().size() == 0) {
        ctx.response().setStatusCode(404).end();
      } else {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
            .end(rows.result().iterator().next().getBuffer(0));
      }
    });
  }
}
