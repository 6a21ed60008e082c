package dev.shop.common.testing;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.Caller;
import dev.shop.common.bus.LocalBus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.Database;
import dev.shop.common.error.ShopException;
import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.id.Ids;
import dev.shop.common.service.ServiceFactory;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One domain service running alone, as the platform deploys it (several instances of its verticle
 * on the in-JVM bus) against a fresh database of its own, with its peers played by
 * {@link PeerStub}s on that bus. A test talks to it through its subjects as any caller does, looks
 * into its database and its outbox, and hands it events as the event stream would.
 *
 * <pre>{@code
 * ServiceUnderTest order = ServiceUnderTest.start(OrderVerticle.SERVICE, OrderVerticle.FACTORY);
 * order.stub("stock.reserve").fails(409, "Insufficient stock");
 * ShopException refused = order.refusal("order.create", body, ServiceUnderTest.customer(userId));
 * }</pre>
 */
public final class ServiceUnderTest implements AutoCloseable {

  /** Instances of the verticle, as on a two-core machine: requests alternate between them. */
  private static final int INSTANCES = 2;
  /** Short, so that a peer that never answers (a {@link PeerStub#hangs} one) fails a request quickly. */
  private static final String BUS_TIMEOUT_MS = "2000";
  /** Racing writes queue on one row: room for all of them on a loaded machine. */
  private static final String RACES_BUS_TIMEOUT_MS = "30000";
  /** How many of the service's bus time-outs a test's request waits for its answer. */
  private static final int CALLER_WAITS_TIMES = 3;

  private final Vertx vertx;
  private final Bus bus;
  private final ShopConfig settings;
  private final Pool database;
  private final String deployment;
  private final Map<String, PeerStub> stubs = new ConcurrentHashMap<>();

  private ServiceUnderTest(Vertx vertx, Bus bus, ShopConfig settings, Pool database, String deployment) {
    this.vertx = vertx;
    this.bus = bus;
    this.settings = settings;
    this.database = database;
    this.deployment = deployment;
  }

  /** Starts {@code service}, made by {@code verticle} as the launcher's {@code Platform} makes it. */
  public static ServiceUnderTest start(String service, ServiceFactory verticle) {
    return start(service, verticle, overrides -> { });
  }

  /**
   * Starts {@code service} for tests that race many requests on one row, which wait for each other
   * there: a long bus time-out (no peer of such a test may hang).
   */
  public static ServiceUnderTest startForRaces(String service, ServiceFactory verticle) {
    return start(service, verticle, overrides -> overrides.put(ConfigKeys.BUS_TIMEOUT_MS, RACES_BUS_TIMEOUT_MS));
  }

  /** Starts {@code service} with the test configuration changed by {@code customize}. */
  public static ServiceUnderTest start(String service, ServiceFactory verticle,
      Consumer<JsonObject> customize) {
    JsonObject overrides = TestSettings.overrides()
        .put(ConfigKeys.databaseUrl(service), TestDatabases.freshDatabase(service + "_alone"))
        .put(ConfigKeys.BUS_TIMEOUT_MS, BUS_TIMEOUT_MS);
    customize.accept(overrides);
    Vertx vertx = Vertx.vertx();
    ShopConfig settings = TestSettings.load(vertx, overrides);
    Bus bus = new LocalBus(vertx, settings.millis(ConfigKeys.BUS_TIMEOUT_MS),
        BusSigning.of(settings.optionalString(ConfigKeys.BUS_SIGNING_KEY)));
    Function<Bus, Deployable> instance = verticle.read(settings);
    String deployment = Await.result(vertx.deployVerticle(() -> instance.apply(bus),
        new DeploymentOptions().setInstances(INSTANCES)));
    // Every consumer has subscribed: in-process delivery may begin (as Platform does last).
    bus.events(EventSettings.from(settings)).open();
    Pool database = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(4))
        .connectingTo(Database.connectOptions(settings.string(ConfigKeys.databaseUrl(service))))
        .using(vertx)
        .build();
    return new ServiceUnderTest(vertx, bus, settings, database, deployment);
  }

  // ---- callers ----

  /** A customer's request (a fresh request id). */
  public static RequestMeta customer(UUID userId) {
    return RequestMeta.of(Caller.user(userId.toString(), Role.CUSTOMER), requestId());
  }

  /** A customer's request with an {@code Idempotency-Key}. */
  public static RequestMeta customer(UUID userId, String idempotencyKey) {
    return new RequestMeta(Caller.user(userId.toString(), Role.CUSTOMER), requestId(), idempotencyKey);
  }

  public static RequestMeta admin(UUID userId) {
    return RequestMeta.of(Caller.user(userId.toString(), Role.ADMIN), requestId());
  }

  /** A request without a user: an anonymous client, or another service calling as itself. */
  public static RequestMeta anonymous() {
    return RequestMeta.internal(requestId());
  }

  private static String requestId() {
    return "test-" + UUID.randomUUID();
  }

  // ---- talking to the service ----

  /**
   * Sends a request as a caller of the service. The caller waits longer than the service waits for
   * its peers, so a peer's time-out shows as the service's answer to it, and a request is done
   * before the next test sets the peers up anew.
   */
  public Future<BusReply> request(String subject, JsonObject body, RequestMeta meta) {
    return bus.request(subject, body, meta, bus.timeout().multipliedBy(CALLER_WAITS_TIMES));
  }

  /** The service's successful answer; a ShopException (its error as a caller sees it) otherwise. */
  public BusReply call(String subject, JsonObject body, RequestMeta meta) {
    return Await.result(request(subject, body, meta));
  }

  /** The service's error answer to a request expected to fail. */
  public ShopException refusal(String subject, JsonObject body, RequestMeta meta) {
    Throwable failure = Await.failure(request(subject, body, meta));
    if (failure instanceof ShopException refused) {
      return refused;
    }
    throw new AssertionError("expected an error answer, got " + failure, failure);
  }

  // ---- its peers ----

  /**
   * The peer's {@code subject} on this bus, fresh: it answers 500 until told what to answer and has
   * kept no request (asked again, the same subject's stub starts over, so each test sets its peers
   * up anew). A subject never stubbed has no responder: a request to it fails with 503, as with
   * its service down.
   */
  public PeerStub stub(String subject) {
    PeerStub stub = stubs.computeIfAbsent(subject, s -> {
      PeerStub bound = new PeerStub(s);
      Await.result(bus.serve(new ServiceDefinition("stub-" + s, "0.0.0", "a test's stand-in for " + s)
          .endpoint(s, bound)));
      return bound;
    });
    stub.reset();
    return stub;
  }

  // ---- its database ----

  /** Runs {@code sql} with {@code parameters} on the service's database (as a test, not as the service). */
  public List<Row> rows(String sql, Object... parameters) {
    List<Row> rows = new ArrayList<>();
    Await.result(database.preparedQuery(sql).execute(Tuple.from(parameters))).forEach(rows::add);
    return rows;
  }

  /** The single number {@code sql} answers (a {@code count(*)}, a sum). */
  public long number(String sql, Object... parameters) {
    List<Row> rows = rows(sql, parameters);
    if (rows.size() != 1) {
      throw new AssertionError(sql + " answered " + rows.size() + " rows");
    }
    Number value = (Number) rows.get(0).getValue(0);
    return value == null ? 0 : value.longValue();
  }

  /** A pool on the service's database, for tests that race statements of their own against the service. */
  public Pool database() {
    return database;
  }

  // ---- its events ----

  /** The events of {@code type} the service wrote to its outbox, oldest first (published or not). */
  public List<DomainEvent> outbox(String type) {
    return rows("SELECT id, type, source, occurred_at, data FROM event_outbox WHERE type = $1 "
        + "ORDER BY occurred_at, id", type).stream()
        .map(row -> new DomainEvent(row.getUUID("id"), row.getString("type"), row.getString("source"),
            row.getOffsetDateTime("occurred_at").toInstant(), (JsonObject) row.getValue("data")))
        .toList();
  }

  /**
   * Hands the service an event as the event stream would, and returns once its consumer has
   * applied it (or failed for good). The same event delivered twice is a redelivery.
   */
  public DomainEvent deliver(DomainEvent event) {
    Await.result(events().publish(event));
    return event;
  }

  /** A new event of {@code type} from {@code source}, delivered. */
  public DomainEvent deliver(String type, String source, JsonObject data) {
    return deliver(new DomainEvent(Ids.newId(), type, source, Instant.now(), data));
  }

  private EventStream events() {
    return bus.events(EventSettings.from(settings));
  }

  /** Its Vert.x, e.g. to run a blocking step of a race on a worker thread. */
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    Await.result(vertx.undeploy(deployment).eventually(database::close).eventually(bus::close));
    // From the test's thread: a close chained on Vert.x's own threads would wait for itself.
    Await.result(vertx.close());
  }
}
