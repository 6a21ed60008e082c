package dev.shop.nats;

import dev.shop.common.event.DomainEvent;
import dev.shop.common.event.EventSettings;
import dev.shop.common.event.EventStream;
import dev.shop.common.time.Backoff;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events on NATS JetStream. One stream (file storage) holds every event under
 * {@code <prefix>.<type>}; the event id is the {@code Nats-Msg-Id}, so a relay that publishes an
 * event twice stores it once. Each consumer of a type is a durable pull consumer with explicit
 * acknowledgement, shared by the replicas of the consuming service: an event is acknowledged only
 * after its handler has committed, and a failed delivery comes back after a growing delay.
 */
public final class JetStreamEvents implements EventStream {

  private static final Logger log = LoggerFactory.getLogger(JetStreamEvents.class);
  /** How long the stream remembers message ids to drop duplicates. */
  private static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
  /**
   * How long a publish may wait for the stream's acknowledgement. Without a bound, a publish made
   * as the server went away could wait for ever, and the relay, whose publishes in flight are
   * bounded, would stop; past it the relay publishes the event again (the stream drops repeats).
   */
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
  /**
   * How long one pull request waits at the server for events. A restarted server has forgotten the
   * pulls it held, and the consumer notices by the missing idle heartbeats (sent every half of this)
   * after three of them: about 7.5 s here, against 45 s with jnats' default of 30 s. An idle
   * consumer pays one pull every 5 s.
   */
  private static final Duration PULL_EXPIRES = Duration.ofSeconds(5);
  /** The pauses before preparing the stream or a consumer again: 250 ms, doubling up to 5 s. */
  private static final Backoff PREPARE_RETRY = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
  /** JetStream's error codes: no such stream; no peers (yet) to place the replicas on. */
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int NO_SUITABLE_PEERS = 10005;

  private final Vertx vertx;
  private final Connection connection;
  private final EventSettings settings;
  private Future<JetStream> ready;

  public JetStreamEvents(Vertx vertx, Connection connection, EventSettings settings) {
    this.vertx = vertx;
    this.connection = connection;
    this.settings = settings;
  }

  /**
   * Creates the stream, or brings its configuration (its replicas included) up to date, once;
   * while the cluster cannot do it yet, again until it can (see {@link #untilJetStreamAnswers}).
   */
  private synchronized Future<JetStream> stream() {
    if (ready == null || ready.failed()) {
      ready = untilJetStreamAnswers("stream " + settings.stream(), () -> {
        JetStreamManagement management = connection.jetStreamManagement();
        StreamConfiguration config = StreamConfiguration.builder()
            .name(settings.stream())
            .subjects(settings.subjectPrefix() + ".>")
            .storageType(StorageType.File)
            .replicas(settings.replicas())
            .maxAge(settings.retention())
            // The server refuses a duplicate window longer than the stream's max age.
            .duplicateWindow(DUPLICATE_WINDOW.compareTo(settings.retention()) < 0 ? DUPLICATE_WINDOW : settings.retention())
            .build();
        try {
          management.getStreamInfo(settings.stream());
        } catch (JetStreamApiException notFound) {
          if (notFound.getApiErrorCode() != STREAM_NOT_FOUND) {
            throw notFound;
          }
          management.addStream(config);
          log.atInfo().addKeyValue("stream", settings.stream()).addKeyValue("replicas", settings.replicas())
              .log("event stream created");
          return connection.jetStream();
        }
        // Scales an existing stream to the configured replicas; its consumers follow it.
        management.updateStream(config);
        return connection.jetStream();
      });
    }
    return ready;
  }

  /**
   * Runs {@code step} (blocking JetStream management) on a worker, and again after a growing pause
   * for as long as JetStream cannot answer yet: a cluster that is still electing its meta leader
   * (or a stream's leader), or whose peers have not all joined, answers nothing or a 503, and a
   * service starting beside it must wait for it rather than fail. Any other refusal (a stream
   * configuration the server rejects, say three replicas on a server that is not clustered) fails.
   */
  private <T> Future<T> untilJetStreamAnswers(String what, Callable<T> step) {
    return untilJetStreamAnswers(what, step, 1);
  }

  private <T> Future<T> untilJetStreamAnswers(String what, Callable<T> step, int attempt) {
    return vertx.executeBlocking(step, false).recover(failure -> {
      if (!jetStreamUnavailable(failure)) {
        return Future.failedFuture(failure);
      }
      long pauseMs = PREPARE_RETRY.after(attempt).toMillis();
      log.atWarn().addKeyValue("what", what).addKeyValue("attempt", attempt).addKeyValue("retryInMs", pauseMs)
          .addKeyValue("reason", String.valueOf(failure.getMessage())).log("JetStream not ready; will retry");
      Promise<Void> paused = Promise.promise();
      vertx.setTimer(pauseMs, timer -> paused.complete());
      return paused.future().compose(v -> untilJetStreamAnswers(what, step, attempt + 1));
    });
  }

  /**
   * Whether JetStream is unavailable for now rather than refusing: no answer in time (jnats' request
   * gives up with an {@link IOException}, as it does for "no responders"), a 503 (JetStream or the
   * cluster temporarily unavailable, insufficient resources), or no peers yet to place replicas on.
   */
  private static boolean jetStreamUnavailable(Throwable failure) {
    if (failure instanceof JetStreamApiException refused) {
      return refused.getErrorCode() == 503 || refused.getApiErrorCode() == NO_SUITABLE_PEERS;
    }
    return failure instanceof IOException || failure instanceof java.util.concurrent.TimeoutException;
  }

  @Override
  public Future<Void> publish(DomainEvent event) {
    if (connection.getStatus() != Connection.Status.CONNECTED) {
      // jnats would buffer it until the connection is back; the relay retries it then instead.
      return Future.failedFuture(new IllegalStateException("not connected to NATS"));
    }
    // The stream is made ready on its first caller's context; completed on this caller's (see EventStream).
    Promise<Void> handedOn = ((ContextInternal) vertx.getOrCreateContext()).promise();
    stream().compose(jetStream -> Future.fromCompletionStage(jetStream.publishAsync(
            settings.subject(event.type()), null, event.encode().getBytes(),
            PublishOptions.builder().messageId(event.id().toString()).build())))
        .timeout(PUBLISH_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .onComplete(handedOn);
    return handedOn.future();
  }

  @Override
  public Future<Subscription> subscribe(String consumer, String type, EventDelivery delivery) {
    Context context = vertx.getOrCreateContext();
    // Durable names cannot hold dots: one durable per consumer and type (one filter subject each).
    String durable = (consumer + "-" + type).replace('.', '_');
    return stream().compose(jetStream -> untilJetStreamAnswers("consumer " + durable, () -> {
      // No replicas given: the consumer has as many as the stream, and follows it when it is scaled.
      ConsumerConfiguration config = ConsumerConfiguration.builder()
          .durable(durable)
          .filterSubject(settings.subject(type))
          .deliverPolicy(DeliverPolicy.All)
          .ackPolicy(AckPolicy.Explicit)
          // A delivery not acknowledged by then is delivered again. It is also how long a delivery lost
          // with a NATS node (the consumer's leader, or the client's server, killed as it was sent)
          // waits to come back: the 10 s default applies an event within 30 s of a node's loss. One
          // slower than this is delivered twice, which event_applied makes harmless.
          .ackWait(settings.ackWait())
          // Unbounded: the consumer dead-letters an event itself after its attempts, so the server
          // never drops one silently (say, while the dead-letter table cannot be written).
          .maxDeliver(-1)
          .build();
      MessageConsumer messages = connection.getStreamContext(settings.stream()).createOrUpdateConsumer(config)
          .consume(ConsumeOptions.builder().batchSize(64).expiresIn(PULL_EXPIRES.toMillis()).build(),
              message -> context.runOnContext(v -> handle(message, delivery)));
      return (Subscription) () -> stop(messages);
    }));
  }

  private void handle(Message message, EventDelivery delivery) {
    int attempt = (int) message.metaData().deliveredCount();
    DomainEvent event;
    try {
      event = DomainEvent.decode(Buffer.buffer(message.getData()));
    } catch (RuntimeException malformed) {
      log.atError().addKeyValue("subject", message.getSubject()).log("malformed event dropped");
      message.term();
      return;
    }
    delivery.deliver(event, attempt).onComplete(done -> {
      if (done.succeeded()) {
        message.ack();
      } else {
        message.nakWithDelay(settings.backoff(attempt));
      }
    });
  }

  private Future<Void> stop(MessageConsumer messages) {
    return vertx.executeBlocking(() -> {
      messages.stop();
      return null;
    }, false);
  }

  @Override
  public void open() {
    // The stream keeps events until their consumers come: nothing to wait for.
  }

  /** How many messages the stream holds (for tests and health). */
  public Future<Long> storedMessages() {
    return stream().compose(js -> vertx.executeBlocking(
        () -> connection.jetStreamManagement().getStreamInfo(settings.stream()).getStreamState().getMsgCount(), false));
  }
}
