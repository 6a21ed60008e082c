package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestDatabases;
import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import dev.shop.e2e.BusKind;
import dev.shop.e2e.RunningPlatform;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * docs/OPERATIONS.md, "Backing up and restoring the event stream": a stream lost whole is
 * re-created from the producers' outboxes, exactly as written there (start the services, mark the
 * retention's events unpublished), and the consumers apply nothing twice.
 */
class StreamRecreationTest {

  /** The services whose events are published (the rest only consume or emit nothing). */
  private static final List<String> PRODUCERS = List.of(ServiceNames.USER, ServiceNames.PRODUCT, ServiceNames.ORDER,
      ServiceNames.PAYMENT);
  /** The statement the guide gives. */
  private static final String REPUBLISH = "UPDATE event_outbox SET published_at = NULL, claimed_until = NULL "
      + "WHERE published_at > now() - interval '7 days'";

  @Test
  void aLostStreamIsRecreatedFromTheOutboxesAndNothingIsAppliedTwice() throws Exception {
    JsonObject overrides = RunningPlatform.freshOverrides(BusKind.NATS);
    String stream = overrides.getString(ConfigKeys.EVENTS_STREAM);
    RunningPlatform first = RunningPlatform.start(overrides);
    long published;
    long applied;
    try {
      first.awaitReady();
      SmokeScenario.run(first.http(), TestSettings.ADMIN_EMAIL, TestSettings.ADMIN_PASSWORD);
      awaitEqual(() -> sum(overrides, PRODUCERS, "SELECT count(*) FROM event_outbox WHERE published_at IS NULL"), 0);
      published = sum(overrides, PRODUCERS, "SELECT count(*) FROM event_outbox");
      awaitEqual(() -> messages(stream), published);
      applied = appliedEverywhere(overrides);
      assertThat(applied).as("events applied by the consumers").isPositive();
    } finally {
      first.stop();
    }

    try (Connection nats = Nats.connect(TestNats.url())) {
      JetStreamManagement management = nats.jetStreamManagement();
      assertThat(management.deleteStream(stream)).isTrue();
    }
    for (String producer : PRODUCERS) {
      update(overrides, producer, REPUBLISH);
    }
    RunningPlatform second = RunningPlatform.start(overrides);
    try {
      second.awaitReady();
      awaitEqual(() -> messages(stream), published);
      awaitEqual(() -> sum(overrides, PRODUCERS, "SELECT count(*) FROM event_outbox WHERE published_at IS NULL"), 0);
      // The re-created consumers deliver the whole stream again, and the services acknowledge it all.
      awaitEqual(() -> redeliveredAndAcknowledged(stream, applied), 1);
      assertThat(appliedEverywhere(overrides)).as("applied once, not again").isEqualTo(applied);
      assertThat(sum(overrides, ServiceNames.ALL, "SELECT count(*) FROM event_dead_letters")).isZero();
      System.out.printf("stream re-created from the outboxes: %d events published again, %d applications kept, "
          + "none repeated%n", published, applied);
    } finally {
      second.stop();
    }
  }

  private static long appliedEverywhere(JsonObject overrides) {
    return sum(overrides, ServiceNames.ALL, "SELECT count(*) FROM event_applied");
  }

  /**
   * 1 once the stream's re-created consumers have delivered at least {@code applications} events
   * (every event each consuming service had applied) and none is left pending or unacknowledged.
   */
  private static long redeliveredAndAcknowledged(String stream, long applications) {
    try (Connection nats = Nats.connect(TestNats.url())) {
      JetStreamManagement management = nats.jetStreamManagement();
      long delivered = 0;
      long waiting = 0;
      for (String name : management.getConsumerNames(stream)) {
        var consumer = management.getConsumerInfo(stream, name);
        delivered += consumer.getDelivered().getConsumerSequence();
        waiting += consumer.getNumPending() + consumer.getNumAckPending();
      }
      return delivered >= applications && waiting == 0 ? 1 : 0;
    } catch (Exception e) {
      return -1;
    }
  }

  private static long messages(String stream) {
    try (Connection nats = Nats.connect(TestNats.url())) {
      return nats.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
    } catch (Exception e) {
      return -1;
    }
  }

  private static long sum(JsonObject overrides, List<String> services, String count) {
    long total = 0;
    for (String service : services) {
      try (java.sql.Connection db = TestDatabases.connect(overrides.getString(ConfigKeys.databaseUrl(service)));
          Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(count)) {
        rows.next();
        total += rows.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(service + ": " + count, e);
      }
    }
    return total;
  }

  private static void update(JsonObject overrides, String service, String sql) throws java.sql.SQLException {
    try (java.sql.Connection db = TestDatabases.connect(overrides.getString(ConfigKeys.databaseUrl(service)));
        Statement statement = db.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  /** Waits (up to 30 s) until {@code value} is {@code expected}; fails naming the last value. */
  private static void awaitEqual(LongSupplier value, long expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    long last = value.getAsLong();
    while (last != expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      last = value.getAsLong();
    }
    assertThat(last).isEqualTo(expected);
  }
}
