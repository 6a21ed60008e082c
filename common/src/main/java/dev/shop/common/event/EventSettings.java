package dev.shop.common.event;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.time.Backoff;
import java.time.Duration;

/**
 * How the event pipeline behaves (the {@code SHOP_EVENT*} keys of the README's configuration table).
 *
 * @param stream the JetStream stream's name
 * @param subjectPrefix events travel on {@code <prefix>.<type>}
 * @param maxAttempts deliveries of an event to a failing handler before it is dead-lettered
 * @param retryBackoff the wait before the second attempt; it doubles each time, up to a minute
 * @param retention how long published outbox rows, applied-event ids and stream messages are kept
 * @param pollInterval how often a relay looks for events it was not woken for
 * @param replicas copies of the stream (and of its consumers, which follow it) on a NATS cluster
 * @param ackWait how long JetStream waits for a delivery's acknowledgement before delivering it again
 */
public record EventSettings(String stream, String subjectPrefix, int maxAttempts, Duration retryBackoff,
    Duration retention, Duration pollInterval, int replicas, Duration ackWait) {

  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
  /** JetStream keeps at most five copies of a stream. */
  private static final int MAX_REPLICAS = 5;

  public EventSettings {
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new IllegalArgumentException(ConfigKeys.EVENTS_REPLICAS + " must be 1 to " + MAX_REPLICAS + ": " + replicas);
    }
  }

  public static EventSettings from(ShopConfig config) {
    return new EventSettings(config.string(ConfigKeys.EVENTS_STREAM), config.string(ConfigKeys.EVENTS_SUBJECT_PREFIX),
        config.integer(ConfigKeys.EVENT_MAX_ATTEMPTS, 1), config.millis(ConfigKeys.EVENT_RETRY_BACKOFF_MS, 1),
        config.seconds(ConfigKeys.EVENT_RETENTION_SECONDS, 1), config.millis(ConfigKeys.OUTBOX_POLL_MS, 1),
        config.integer(ConfigKeys.EVENTS_REPLICAS), config.millis(ConfigKeys.EVENT_ACK_WAIT_MS, 1));
  }

  /** The same settings with {@code replicas} copies of the stream. */
  public EventSettings withReplicas(int replicas) {
    return new EventSettings(stream, subjectPrefix, maxAttempts, retryBackoff, retention, pollInterval, replicas, ackWait);
  }

  /** The wait before attempt {@code attempt + 1}. */
  public Duration backoff(int attempt) {
    return new Backoff(retryBackoff, MAX_BACKOFF).after(attempt);
  }

  public String subject(String type) {
    return subjectPrefix + "." + type;
  }
}
