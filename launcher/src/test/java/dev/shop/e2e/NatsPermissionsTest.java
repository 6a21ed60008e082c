package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestSettings;
import dev.shop.launcher.Platform;
import dev.shop.system.SmokeScenario;
import io.nats.NatsServerRunner;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's per-service NATS permissions: nats-server runs the documented
 * {@code deploy/nats/nats-server.conf} ({@link DocumentedNats}), every JVM role (each service and the gateway) connects with its own user and inbox
 * prefix, and the whole platform works under the permissions while raw connections show what
 * each user cannot do. Prints every attempt and its outcome.
 */
class NatsPermissionsTest {

  private static final Duration NO_ANSWER = Duration.ofSeconds(1);

  @Test
  void everyRoleIsAllowedItsOwnSubjectsOnly() throws Exception {
    List<String> violations = new CopyOnWriteArrayList<>();
    try (NatsServerRunner nats = DocumentedNats.start(violations)) {
      String url = nats.getURI();
      List<RunningPlatform> jvms = new ArrayList<>();
      try {
        for (String role : DocumentedNats.ROLES) {
          jvms.add(RunningPlatform.start(roleConfig(url, role)));
        }
        RunningPlatform gateway = jvms.get(jvms.size() - 1);
        gateway.awaitReady();
        Http http = gateway.http();

        SmokeScenario.run(http, TestSettings.ADMIN_EMAIL, TestSettings.ADMIN_PASSWORD);
        report("every role with its own user: register, log in, browse, cart, checkout, pay, report from the"
            + " order's event (JetStream)", "done");
        JsonObject health = http.get("/health", null).json();
        for (String service : ServiceNames.ALL) {
          assertThat(health.getJsonObject("services").getJsonObject(service).getInteger("instances"))
              .as(service + " answers $SRV.PING under its permissions").isEqualTo(1);
        }
        report("gateway pings every service ($SRV.PING.<service>) for GET /health", "all 7 answer");
        String admin = http.post("/auth/login", new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
            .put("password", TestSettings.ADMIN_PASSWORD), null).json().getString("accessToken");
        JsonObject events = http.get("/admin/events", admin).json();
        assertThat(events.getJsonArray("services").stream().map(service -> ((JsonObject) service).getString("status")))
            .as("every service answers <service>.eventsState under its permissions: " + events.encode())
            .hasSize(ServiceNames.ALL.size()).containsOnly("UP");
        report("gateway asks every service for its pipeline state (<service>.eventsState) for GET /admin/events",
            "all 7 answer");
        assertThat(violations).as("permissions violations of the platform's own connections").isEmpty();
        report("the platform's own connections", "no permissions violation in the server's log");

        refusedWithout(url);
        cartCannotReachTheUserService(url, http);
        gatewayCannotPoseAsAService(url);
        assertThat(violations).as("every violation is a probe's").isNotEmpty()
            .allSatisfy(line -> assertThat(line).contains(Probe.NAME));
      } finally {
        for (int i = jvms.size() - 1; i >= 0; i--) {
          jvms.get(i).stop();
        }
      }
    }
  }

  /** (a) no credentials, or a role's user with another's password: no connection at all. */
  private static void refusedWithout(String url) {
    assertThatThrownBy(() -> Nats.connect(new Options.Builder().server(url).maxReconnects(0).build()))
        .as("no credentials").isInstanceOf(Exception.class);
    report("connect without credentials", "refused");
    assertThatThrownBy(() -> Nats.connect(new Options.Builder().server(url).maxReconnects(0)
        .userInfo(Platform.GATEWAY, DocumentedNats.password(ServiceNames.CART)).build()))
        .as("the gateway's user with the cart's password").isInstanceOf(Exception.class);
    report("connect as gateway with the cart's password", "refused");
  }

  /** (b) the cart's user calls the product service only, and serves nothing but cart subjects. */
  private static void cartCannotReachTheUserService(String url, Http http) throws Exception {
    try (Probe cart = Probe.as(url, ServiceNames.CART)) {
      assertThat(cart.request("product.getById")).as("the cart's own call").isNotNull();
      report("cart requests product.getById (a call it makes)", "answered");

      assertThat(cart.request("user.findById")).as("cart -> user.findById").isNull();
      cart.awaitViolation("Publish to \"user.findById\"");
      report("cart requests user.findById", "permissions violation, no answer");

      for (String subject : List.of("user.>", "user.findById", "auth.*", "$SRV.PING.user", "_INBOX_gateway.>",
          "_INBOX.>")) {
        Subscription subscription = cart.connection.subscribe(subject);
        cart.awaitViolation("Subscription to \"" + subject + "\"");
        // The platform's own traffic goes on: a login is a user-service request and its reply.
        assertThat(http.post("/auth/login", new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
            .put("password", TestSettings.ADMIN_PASSWORD), null).status()).isEqualTo(200);
        assertThat(subscription.nextMessage(Duration.ofMillis(200))).as("cart sees " + subject).isNull();
        report("cart subscribes to " + subject + (subject.startsWith("_INBOX") ? " (another's replies)" : ""),
            "permissions violation, nothing received");
      }
    }
  }

  /** (c) the gateway calls the services' subjects but cannot serve one, nor call internal ones. */
  private static void gatewayCannotPoseAsAService(String url) throws Exception {
    try (Probe gateway = Probe.as(url, Platform.GATEWAY)) {
      Message unsigned = gateway.request("product.getById");
      assertThat(unsigned).as("gateway -> product.getById").isNotNull();
      assertThat(unsigned.getHeaders().getFirst("Nats-Service-Error-Code")).isEqualTo("401");
      report("gateway requests product.getById (unsigned)", "answered (401: the bus key is still required)");

      for (String subject : List.of("stock.reserve", "order.exists", "events.order.created")) {
        assertThat(gateway.request(subject)).as("gateway -> " + subject).isNull();
        gateway.awaitViolation("Publish to \"" + subject + "\"");
        report("gateway publishes " + subject + " (only services may)", "permissions violation, no answer");
      }
      for (String subject : List.of("product.getById", "user.>", "$SRV.PING.product")) {
        gateway.connection.subscribe(subject, "product");
        gateway.awaitViolation("Subscription to \"" + subject + "\"");
        report("gateway subscribes to " + subject + " in queue group product (poses as the service)",
            "permissions violation");
      }
    }
  }

  /** A raw jnats connection as one role, collecting the errors the server sends it. */
  private record Probe(Connection connection, BlockingQueue<String> errors) implements AutoCloseable {

    /** Its connection's name, which the server's log lines show. */
    static final String NAME = "permissions-probe";

    static Probe as(String url, String role) throws Exception {
      BlockingQueue<String> errors = new LinkedBlockingQueue<>();
      Options options = new Options.Builder().server(url).connectionName(NAME)
          .userInfo(role, DocumentedNats.password(role)).inboxPrefix(DocumentedNats.inboxPrefix(role))
          .errorListener(new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
              errors.add(error);
            }
          }).build();
      return new Probe(Nats.connect(options), errors);
    }

    /** The answer to an unsigned request, or null when none came. */
    Message request(String subject) throws InterruptedException {
      byte[] body = new JsonObject().put("id", UUID.randomUUID().toString()).encode().getBytes(StandardCharsets.UTF_8);
      return connection.request(subject, body, NO_ANSWER);
    }

    void awaitViolation(String what) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < deadline) {
        String error = errors.poll(100, TimeUnit.MILLISECONDS);
        if (error != null && error.contains("Permissions Violation") && error.contains(what)) {
          return;
        }
      }
      throw new AssertionError("no permissions violation for " + what);
    }

    @Override
    public void close() throws InterruptedException {
      connection.close();
    }
  }

  /** The configuration of the JVM that runs only {@code role}, connected as its own NATS user. */
  private static JsonObject roleConfig(String url, String role) {
    JsonObject config = RunningPlatform.freshOverrides(BusKind.LOCAL)
        .put(ConfigKeys.NATS_URL, url)
        .put(ConfigKeys.SERVICES, role)
        .put(ConfigKeys.INSTANCES, "1")
        // The stream and subjects the documented file grants (the defaults).
        .put(ConfigKeys.EVENTS_STREAM, "SHOP_EVENTS")
        .put(ConfigKeys.EVENTS_SUBJECT_PREFIX, "events");
    DocumentedNats.credentials(role).forEach(config::put);
    return config;
  }

  private static void report(String tried, String outcome) {
    System.out.printf("nats permissions: %-85s -> %s%n", tried, outcome);
  }
}
