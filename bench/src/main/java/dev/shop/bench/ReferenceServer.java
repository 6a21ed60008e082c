package dev.shop.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What this machine can do at best for {@code GET /products/:id}: the platform's product row and
 * category, one prepared SELECT, encoded as the platform's ProductResponse, with no gateway, no
 * bus and no service in between. The platform's throughput is judged as a share of this one's.
 */
final class ReferenceServer extends VerticleBase {

  /** The columns and join of the product service's lookup by id. */
  private static final String SELECT = "SELECT p.id, p.sku, p.name, p.slug, p.price_int, p.stock, p.description, "
      + "p.image_urls, p.category_id, p.attributes, p.model3d_url, p.created_at, p.updated_at, "
      + "c.id AS cat_id, c.name AS cat_name, c.slug AS cat_slug, c.description AS cat_description, "
      + "c.parent_id AS cat_parent_id, c.created_at AS cat_created_at, c.updated_at AS cat_updated_at "
      + "FROM products p LEFT JOIN categories c ON c.id = p.category_id WHERE p.id = $1";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

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
            .end(product(rows.result().iterator().next()).toBuffer());
      }
    });
  }

  private static JsonObject product(Row row) {
    String[] images = row.getArrayOfStrings("image_urls");
    UUID categoryId = row.getUUID("category_id");
    Object attributes = row.getValue("attributes");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("sku", row.getString("sku"))
        .put("name", row.getString("name"))
        .put("slug", row.getString("slug"))
        .put("priceInt", row.getLong("price_int"))
        .put("stock", row.getInteger("stock"))
        .put("description", row.getString("description"))
        .put("imageUrls", new JsonArray(images == null ? List.of() : List.of(images)))
        .put("categoryId", categoryId == null ? null : categoryId.toString())
        .put("attributes", attributes instanceof JsonObject object ? object : null)
        .put("model3dUrl", row.getString("model3d_url"))
        .put("createdAt", timestamp(row.getOffsetDateTime("created_at")))
        .put("updatedAt", timestamp(row.getOffsetDateTime("updated_at")))
        .put("category", categoryId == null || row.getUUID("cat_id") == null ? null : category(row));
  }

  private static JsonObject category(Row row) {
    UUID parentId = row.getUUID("cat_parent_id");
    return new JsonObject()
        .put("id", row.getUUID("cat_id").toString())
        .put("name", row.getString("cat_name"))
        .put("slug", row.getString("cat_slug"))
        .put("description", row.getString("cat_description"))
        .put("parentId", parentId == null ? null : parentId.toString())
        .put("createdAt", timestamp(row.getOffsetDateTime("cat_created_at")))
        .put("updatedAt", timestamp(row.getOffsetDateTime("cat_updated_at")));
  }

  private static String timestamp(OffsetDateTime time) {
    return time == null ? null : TIMESTAMP.format(time.toInstant().truncatedTo(ChronoUnit.MILLIS));
  }
}
