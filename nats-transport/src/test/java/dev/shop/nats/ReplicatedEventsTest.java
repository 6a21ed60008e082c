package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.NatsCluster;
import dev.shop.common.testing.TestNats;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamInfo;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event stream on a real 3-node cluster: as many copies as {@code SHOP_EVENTS_REPLICAS} says,
 * consumers that follow the stream (also when an existing stream is scaled up), a stream prepared
 * while the cluster cannot place it yet (the start-up race) once it can; and on a single server,
 * three replicas refused at once rather than waited for.
 */
class ReplicatedEventsTest {

  private static NatsCluster cluster;
  private static Vertx vertx;
  private static Connection connection;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = NatsCluster.start();
    vertx = Vertx.vertx();
    connection = connect(cluster.url());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    connection.close();
    Await.result(vertx.close());
    cluster.close();
  }

  @Test
  void theStreamAndItsConsumersHaveTheConfiguredCopies() throws Exception {
    EventSettings settings = settings(3);
    JetStreamEvents events = new JetStreamEvents(vertx, connection, settings);
    EventStream.Subscription subscription = subscribe(events, "report", "order.created");
    try {
      StreamInfo stream = management().getStreamInfo(settings.stream());
      assertThat(stream.getConfiguration().getReplicas()).isEqualTo(3);
      assertThat(stream.getClusterInfo().getReplicas()).as("the leader's two followers").hasSize(2);
      ConsumerInfo consumer = management().getConsumerInfo(settings.stream(), "report-order_created");
      assertThat(consumer.getClusterInfo().getReplicas()).as("the consumer's copies follow the stream's").hasSize(2);
    } finally {
      Await.result(subscription.close());
    }
  }

  @Test
  void aStreamOfOneCopyIsScaledWithItsConsumersWhenTheSettingGrows() throws Exception {
    EventSettings single = settings(1);
    EventStream.Subscription before = subscribe(new JetStreamEvents(vertx, connection, single), "report", "order.paid");
    Await.result(before.close());
    assertThat(management().getStreamInfo(single.stream()).getClusterInfo().getReplicas()).isNullOrEmpty();

    EventStream.Subscription after = subscribe(new JetStreamEvents(vertx, connection, single.withReplicas(3)), "report",
        "order.paid");
    try {
      assertThat(management().getStreamInfo(single.stream()).getConfiguration().getReplicas()).isEqualTo(3);
      // While the consumer's copies are being placed its cluster information may be absent.
      awaitTrue(() -> {
        ClusterInfo placed = management().getConsumerInfo(single.stream(), "report-order_paid").getClusterInfo();
        return placed != null && placed.getReplicas() != null && placed.getReplicas().size() == 2;
      });
    } finally {
      Await.result(after.close());
    }
  }

  @Test
  void aStreamAskedForWhileTheClusterHasNoQuorumIsMadeOnceItHasOne() throws Exception {
    cluster.kill(2);
    cluster.kill(3);
    Future<EventStream.Subscription> subscribed;
    try {
      JetStreamEvents events = new JetStreamEvents(vertx, connection, settings(3));
      subscribed = onContext(() -> events.subscribe("report", "user.registered", (event, attempt) ->
          Future.succeededFuture()));
      Thread.sleep(3_000);
      assertThat(subscribed.isComplete()).as("still waiting for the cluster, not failed").isFalse();
    } finally {
      cluster.restart(2);
      cluster.restart(3);
    }
    Await.result(Await.result(subscribed).close());
  }

  @Test
  void threeCopiesOnASingleServerAreRefusedAtOnce() throws Exception {
    try (Connection single = connect(TestNats.url())) {
      JetStreamEvents events = new JetStreamEvents(vertx, single, settings(3));
      Throwable refused = Await.failure(onContext(() -> events.subscribe("report", "order.created",
          (event, attempt) -> Future.succeededFuture())));
      assertThat(refused).hasMessageContaining("replicas");
    }
  }

  private static EventStream.Subscription subscribe(JetStreamEvents events, String consumer, String type) {
    return Await.result(onContext(() -> events.subscribe(consumer, type, (event, attempt) -> Future.succeededFuture())));
  }

  private static EventSettings settings(int replicas) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    return new EventSettings("REPL_" + unique, "repl-" + unique, 3, Duration.ofMillis(50), Duration.ofHours(1),
        Duration.ofMillis(200), replicas, Duration.ofSeconds(10));
  }

  private static JetStreamManagement management() throws Exception {
    return connection.jetStreamManagement();
  }

  private static <T> Future<T> onContext(java.util.function.Supplier<Future<T>> action) {
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> action.get().onComplete(result));
    return result.future();
  }

  private static Connection connect(String url) throws Exception {
    return Nats.connect(new Options.Builder().servers(url.split(",")).maxReconnects(-1).build());
  }

  private static void awaitTrue(Callable<Boolean> condition) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.call()) {
      assertThat(System.currentTimeMillis()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
