package dev.shop.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.config.ShopConfig;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NatsLinkLimitsTest {

  private final NatsLinkLimits limits = NatsLinkLimits.from(ShopConfig.defaults());

  @Test
  void theDefaultsNoticeAHungServerWithinFifteenSeconds() {
    assertThat(limits.pingInterval().multipliedBy(limits.maxPingsOut() + 1L)).isLessThanOrEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void waitsDoubleFromTheFirstUpToTheLongestEachBetweenHalfAndAllOfIt() {
    long first = limits.reconnectWait().toMillis();
    long longest = limits.reconnectMaxWait().toMillis();
    for (int failures = 1; failures <= 12; failures++) {
      long full = Math.min(longest, first << (failures - 1));
      int attempt = failures;
      assertThat(IntStream.range(0, 200).mapToLong(n -> limits.reconnectDelayMs(attempt)))
          .as("waits after %d failures", failures).allMatch(wait -> wait >= full / 2 && wait <= full);
    }
    assertThat(IntStream.range(0, 200).mapToLong(n -> limits.reconnectDelayMs(40)).distinct().count())
        .as("drawn, so that links spread").isGreaterThan(10);
  }
}
