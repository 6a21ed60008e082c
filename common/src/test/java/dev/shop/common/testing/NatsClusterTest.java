package dev.shop.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster harness does what it says: each operation seen from a client of the node. */
class NatsClusterTest {

  private static NatsCluster cluster;

  @BeforeAll
  static void start() {
    cluster = NatsCluster.start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void aPausedNodeHangsAndAnswersAgainOnceResumed() throws Exception {
    cluster.pause(1);
    try {
      assertThatThrownBy(() -> connect(cluster.url(1)).close()).as("no INFO from a hung server")
          .isInstanceOf(IOException.class);
      cluster.awaitFormed();
    } finally {
      cluster.resume(1);
    }
    cluster.awaitFormed();
    connect(cluster.url(1)).close();
  }

  @Test
  void aStoppedNodeRestartsOnItsPortsAndRejoins() throws Exception {
    long before = cluster.pid(2);
    cluster.stop(2);
    assertThatThrownBy(() -> connect(cluster.url(2)).close()).isInstanceOf(IOException.class);
    cluster.restart(2);
    assertThat(cluster.pid(2)).isNotEqualTo(before);
    connect(cluster.url(2)).close();
  }

  @Test
  void aNodeInLameDuckModeTakesNoNewClient() throws Exception {
    cluster.lameDuck(3);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try (Connection connection = connect(cluster.url(3))) {
        Thread.sleep(100);
      } catch (IOException closed) {
        refused = true;
      }
    }
    assertThat(refused).as("node 3 refuses new clients").isTrue();
    cluster.restart(3);
    connect(cluster.url(3)).close();
  }

  private static Connection connect(String url) throws IOException, InterruptedException {
    return Nats.connect(new Options.Builder().server(url).connectionTimeout(Duration.ofSeconds(1)).noReconnect()
        .build());
  }
}
