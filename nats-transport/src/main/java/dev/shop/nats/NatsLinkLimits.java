package dev.shop.nats;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.time.Backoff;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a NATS connection notices a server that stopped, waits between attempts, and bounds what
 * it holds (the {@code SHOP_NATS_*} keys of the README's configuration table).
 *
 * @param pingInterval how often a connection pings its server
 * @param maxPingsOut pings left unanswered after which the server is given up (at the next ping):
 *     a hung server is noticed within {@code (maxPingsOut + 1) * pingInterval}
 * @param writeDeadline how long the server may leave a full write queue unread before it is given up
 * @param reconnectWait the wait before the second attempt after a loss (the first is at once); it
 *     doubles at each failed attempt, up to {@code reconnectMaxWait}, each wait drawn between half
 *     and all of it so that links spread
 * @param reconnectMaxWait the longest wait between two attempts
 * @param pendingBytes bytes a connection may have waiting to be written before requests are refused
 *     (503), and bytes of replies kept while it reconnects
 * @param connectTimeout how long connecting to a server may take, TLS and the NATS handshake included
 */
public record NatsLinkLimits(Duration pingInterval, int maxPingsOut, Duration writeDeadline, Duration reconnectWait,
    Duration reconnectMaxWait, int pendingBytes, Duration connectTimeout) {

  public static NatsLinkLimits from(ShopConfig config) {
    return new NatsLinkLimits(config.millis(ConfigKeys.NATS_PING_INTERVAL_MS), config.integer(ConfigKeys.NATS_MAX_PINGS_OUT),
        config.millis(ConfigKeys.NATS_WRITE_DEADLINE_MS), config.millis(ConfigKeys.NATS_RECONNECT_WAIT_MS),
        config.millis(ConfigKeys.NATS_RECONNECT_MAX_WAIT_MS), config.integer(ConfigKeys.NATS_PENDING_LIMIT_BYTES),
        config.millis(ConfigKeys.NATS_CONNECT_TIMEOUT_MS, 1));
  }

  /** The wait before the next attempt after {@code failures} failed ones in a row (at least one). */
  long reconnectDelayMs(int failures) {
    long wait = Math.max(1, new Backoff(reconnectWait, reconnectMaxWait).after(failures).toMillis());
    return wait / 2 + ThreadLocalRandom.current().nextLong(wait - wait / 2 + 1);
  }
}
