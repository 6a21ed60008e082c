package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventPipelineTest;
import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.id.Ids;
import dev.shop.common.testing.Await;
import dev.shop.common.testing.TestNats;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JetStreamEventsPipelineTest extends EventPipelineTest {

  private Connection connection;

  @Override
  protected EventStream createStream(Vertx vertx, EventSettings settings) {
    try {
      connection = Nats.connect(TestNats.url());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new JetStreamEvents(vertx, connection, settings);
  }

  @AfterEach
  void closeConnection() throws InterruptedException {
    connection.close();
  }

  @Test
  void anEventPublishedTwiceIsStoredOnce() {
    JetStreamEvents jetStream = (JetStreamEvents) stream;
    DomainEvent event = new DomainEvent(Ids.newId(), "thing.happened", "svc", Instant.now(), new JsonObject().put("n", 1));
    Await.result(onContext(() -> jetStream.publish(event)));
    Await.result(onContext(() -> jetStream.publish(event)));
    Await.result(onContext(() -> jetStream.publish(new DomainEvent(Ids.newId(), "thing.happened", "svc", Instant.now(),
        new JsonObject().put("n", 2)))));
    assertThat(Await.result(jetStream.storedMessages())).isEqualTo(2L);
  }
}
