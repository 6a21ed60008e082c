package dev.shop.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.auth.Role;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour both buses promise; run over NATS and over the local event bus. */
public abstract class BusContractTest {

  protected static final Duration TIMEOUT = Duration.ofMillis(800);

  protected Vertx vertx;
  protected Bus bus;
  protected String prefix;

  protected abstract Bus createBus(Vertx vertx);

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    bus = createBus(vertx);
    prefix = "test" + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  @AfterEach
  void tearDown() {
    Await.result(bus.close());
    Await.result(vertx.close());
  }

  /** Deploys a verticle that serves {@code service}; answers the context it serves on. */
  protected Context serve(ServiceDefinition service) {
    AtomicReference<Context> servingContext = new AtomicReference<>();
    Await.result(vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        servingContext.set(vertx.getOrCreateContext());
        return bus.serve(service);
      }
    }));
    return servingContext.get();
  }

  @Test
  void answersARequestWithTheHandlersReplyAndStatus() {
    serve(new ServiceDefinition("echo", "1.0.0", "echo")
        .endpoint(prefix + "echo", request -> Future.succeededFuture(BusReply.created(request.body())))
        .endpoint(prefix + "list", request -> Future.succeededFuture(BusReply.ok(new JsonArray().add(1).add("two")))));

    BusReply reply = Await.result(bus.request(prefix + "echo", new JsonObject().put("name", "Điện thoại"),
        RequestMeta.internal("r1")));
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.bodyAsObject().getString("name")).isEqualTo("Điện thoại");

    BusReply list = Await.result(bus.request(prefix + "list", new JsonObject(), RequestMeta.internal("r2")));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.bodyAsArray()).containsExactly(1, "two");
  }

  @Test
  void aRequestCarriesItsTraceToTheServiceAndOnToTheServicesItCalls() {
    serve(new ServiceDefinition("tracer", "1.0.0", "traces")
        .endpoint(prefix + "first", request -> {
          String first = TraceContext.current().traceId();
          return bus.request(prefix + "second", new JsonObject(), RequestMeta.internal(request.requestId()))
              .map(second -> BusReply.ok(new JsonObject().put("first", first)
                  .put("second", second.bodyAsObject().getString("trace"))
                  .put("afterTheCall", TraceContext.current().traceId())));
        })
        .endpoint(prefix + "second", request -> Future.succeededFuture(
            BusReply.ok(new JsonObject().put("trace", TraceContext.current().traceId())))));

    String clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    Promise<BusReply> traced = Promise.promise();
    vertx.runOnContext(v -> TraceContext.continuing("00-" + clientTrace + "-00f067aa0ba902b7-01")
        .run(() -> bus.request(prefix + "first", new JsonObject(), RequestMeta.internal("t1")).onComplete(traced)));
    JsonObject seen = Await.result(traced.future()).bodyAsObject();
    assertThat(seen.getString("first")).isEqualTo(clientTrace);
    assertThat(seen.getString("second")).isEqualTo(clientTrace);
    assertThat(seen.getString("afterTheCall")).isEqualTo(clientTrace);

    // Without a trace, each request starts one of its own.
    String first = Await.result(bus.request(prefix + "second", new JsonObject(), RequestMeta.internal("t2")))
        .bodyAsObject().getString("trace");
    String second = Await.result(bus.request(prefix + "second", new JsonObject(), RequestMeta.internal("t3")))
        .bodyAsObject().getString("trace");
    assertThat(first).matches("[0-9a-f]{32}").isNotEqualTo(second).isNotEqualTo(clientTrace);
  }

  @Test
  void carriesTheCallerRequestIdAndIdempotencyKey() {
    AtomicReference<BusRequest> seen = new AtomicReference<>();
    serve(new ServiceDefinition("who", "1.0.0", "who").endpoint(prefix + "who", request -> {
      seen.set(request);
      return Future.succeededFuture(BusReply.success());
    }));

    Await.result(bus.request(prefix + "who", new JsonObject(),
        new RequestMeta(Caller.user("u-1", Role.ADMIN), "req-42", "key-7")));
    assertThat(seen.get().caller()).isEqualTo(Caller.user("u-1", Role.ADMIN));
    assertThat(seen.get().requestId()).isEqualTo("req-42");
    assertThat(seen.get().idempotencyKey()).isEqualTo("key-7");

    Await.result(bus.request(prefix + "who", new JsonObject(), RequestMeta.internal("req-43")));
    assertThat(seen.get().caller()).isEqualTo(Caller.ANONYMOUS);
    assertThat(seen.get().idempotencyKey()).isNull();
  }

  @Test
  void runsHandlersOnTheServingVerticlesContext() {
    AtomicReference<Context> handledOn = new AtomicReference<>();
    Context serving = serve(new ServiceDefinition("ctx", "1.0.0", "ctx").endpoint(prefix + "ctx", request -> {
      handledOn.set(Vertx.currentContext());
      return Future.succeededFuture(BusReply.success());
    }));

    Await.result(bus.request(prefix + "ctx", new JsonObject(), RequestMeta.internal("r")));
    assertThat(handledOn.get()).isNotNull();
    assertThat(handledOn.get().deploymentID()).isEqualTo(serving.deploymentID());
    assertThat(handledOn.get().isEventLoopContext()).isTrue();
  }

  @Test
  void carriesATypedErrorWithItsDetails() {
    serve(new ServiceDefinition("fail", "1.0.0", "fail")
        .endpoint(prefix + "invalid", request -> Future.failedFuture(
            ShopException.invalid(List.of(new FieldError("email", "is required")))))
        .endpoint(prefix + "throws", request -> {
          throw ShopException.conflict("Email is already registered");
        })
        .endpoint(prefix + "bug", request -> {
          throw new IllegalStateException("secret internals");
        }));

    ShopException invalid = (ShopException) Await.failure(bus.request(prefix + "invalid", new JsonObject(),
        RequestMeta.internal("r")));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.details()).containsExactly(new FieldError("email", "is required"));

    ShopException conflict = (ShopException) Await.failure(bus.request(prefix + "throws", new JsonObject(),
        RequestMeta.internal("r")));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.getMessage()).isEqualTo("Email is already registered");

    ShopException bug = (ShopException) Await.failure(bus.request(prefix + "bug", new JsonObject(),
        RequestMeta.internal("r")));
    assertThat(bug.status()).isEqualTo(500);
    assertThat(bug.getMessage()).doesNotContain("secret");
  }

  @Test
  void aDatabaseThatIsAwayIs503WithoutTheDriversMessage() {
    serve(new ServiceDefinition("db", "1.0.0", "db")
        .endpoint(prefix + "refused", request -> Future.failedFuture(
            new io.vertx.core.VertxException("connect failed", new java.net.ConnectException("Connection refused"))))
        .endpoint(prefix + "starting", request -> Future.failedFuture(
            new PgException("the database system is starting up", "FATAL", "57P03", null))));

    for (String subject : List.of("refused", "starting")) {
      ShopException away = (ShopException) Await.failure(bus.request(prefix + subject, new JsonObject(),
          RequestMeta.internal("r")));
      assertThat(away.status()).as(subject).isEqualTo(503);
      assertThat(away.getMessage()).as(subject).startsWith("Service unavailable")
          .doesNotContain("Connection refused", "starting up");
    }
  }

  @Test
  void nothingAnsweringIs503() {
    ShopException error = (ShopException) Await.failure(bus.request(prefix + "nobody", new JsonObject(),
        RequestMeta.internal("r")));
    assertThat(error.status()).isEqualTo(503);
  }

  @Test
  void noAnswerInTimeIs504() {
    serve(new ServiceDefinition("slow", "1.0.0", "slow")
        .endpoint(prefix + "slow", request -> Promise.<BusReply>promise().future()));

    ShopException error = (ShopException) Await.failure(bus.request(prefix + "slow", new JsonObject(),
        RequestMeta.internal("r")));
    assertThat(error.status()).isEqualTo(504);
  }

  @Test
  void replicasShareTheRequests() {
    AtomicReference<Integer> first = new AtomicReference<>(0);
    AtomicReference<Integer> second = new AtomicReference<>(0);
    serve(new ServiceDefinition("shared", "1.0.0", "shared").endpoint(prefix + "work", request -> {
      first.updateAndGet(n -> n + 1);
      return Future.succeededFuture(BusReply.success());
    }));
    serve(new ServiceDefinition("shared", "1.0.0", "shared").endpoint(prefix + "work", request -> {
      second.updateAndGet(n -> n + 1);
      return Future.succeededFuture(BusReply.success());
    }));

    for (int i = 0; i < 40; i++) {
      Await.result(bus.request(prefix + "work", new JsonObject(), RequestMeta.internal("r" + i)));
    }
    assertThat(first.get() + second.get()).isEqualTo(40);
    assertThat(first.get()).isPositive();
    assertThat(second.get()).isPositive();
  }
}
