package dev.shop.ar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.event.PipelineState;
import dev.shop.common.testing.ServiceUnderTest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline state every service answers ({@code DomainVerticle}), here the AR service's, against
 * its own database: the counts are those of its outbox and dead letters, for administrators only.
 */
class PipelineStateAloneTest {

  private static final String SUBJECT = PipelineState.subject(ArVerticle.SERVICE);

  private ServiceUnderTest ar;

  @BeforeEach
  void start() {
    ar = ServiceUnderTest.start(ArVerticle.SERVICE, ArVerticle.FACTORY);
  }

  @AfterEach
  void stop() {
    ar.close();
  }

  @Test
  void aQuietServiceHasNothingPendingAndNoDeadLetters() {
    JsonObject state = ar.call(SUBJECT, new JsonObject(), ServiceUnderTest.admin(UUID.randomUUID())).bodyAsObject();

    assertThat(state).isEqualTo(new JsonObject().put("outboxPending", 0L).put("outboxLagMs", 0L)
        .put("deadLetters", 0L).put("oldestDeadLetter", null));
  }

  @Test
  void countsTheUnpublishedEventsTheirLagAndTheDeadLetters() {
    // Claimed for an hour, as by a relay that cannot publish: this service's relay leaves them be.
    unpublished(Duration.ofMinutes(5));
    unpublished(Duration.ofMinutes(1));
    ar.rows("INSERT INTO event_outbox (id, type, source, data, occurred_at, published_at) "
        + "VALUES ($1, 'ar.test', 'ar', '{}', now() - interval '1 day', now() - interval '1 day')", UUID.randomUUID());
    deadLetter("product.updated", Duration.ofHours(2));
    deadLetter("product.created", Duration.ofHours(1));
    Instant asked = Instant.now();

    PipelineState state = PipelineState.fromJson(
        ar.call(SUBJECT, new JsonObject(), ServiceUnderTest.admin(UUID.randomUUID())).bodyAsObject());

    assertThat(state.outboxPending()).isEqualTo(2);
    assertThat(state.outboxLagMs()).isBetween(Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(6).toMillis());
    assertThat(state.deadLetters()).isEqualTo(2);
    assertThat(state.oldestDeadLetter().type()).isEqualTo("product.updated");
    assertThat(Duration.between(state.oldestDeadLetter().failedAt(), asked))
        .isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
  }

  @Test
  void onlyAnAdministratorMayAsk() {
    assertThat(ar.refusal(SUBJECT, new JsonObject(), ServiceUnderTest.customer(UUID.randomUUID())).status())
        .isEqualTo(403);
    assertThat(ar.refusal(SUBJECT, new JsonObject(), ServiceUnderTest.anonymous()).status()).isEqualTo(401);
  }

  private void unpublished(Duration age) {
    ar.rows("INSERT INTO event_outbox (id, type, source, data, occurred_at, claimed_until) "
        + "VALUES ($1, 'ar.test', 'ar', '{}', now() - $2 * interval '1 millisecond', now() + interval '1 hour')",
        UUID.randomUUID(), age.toMillis());
  }

  private void deadLetter(String type, Duration age) {
    ar.rows("INSERT INTO event_dead_letters (event_id, type, source, data, error, attempts, failed_at) "
        + "VALUES ($1, $2, 'product', '{}', 'handler failed', 5, now() - $3 * interval '1 millisecond')",
        UUID.randomUUID(), type, age.toMillis());
  }
}
