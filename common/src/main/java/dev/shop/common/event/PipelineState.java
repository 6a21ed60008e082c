package dev.shop.common.event;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A service's part of the event pipeline as an operator reads it: its outbox's backlog and the
 * dead letters waiting for someone. Every domain service answers it on {@link #subject} from its
 * own database ({@code DomainVerticle}); the gateway gathers them for {@code GET /admin/events}.
 *
 * @param outboxPending events in the outbox not published yet
 * @param outboxLagMs the age of the oldest of them (the relay's lag), 0 when none
 * @param deadLetters events a consumer of the service gave up on
 * @param oldestDeadLetter the oldest of those, or null when there is none
 */
public record PipelineState(long outboxPending, long outboxLagMs, long deadLetters, DeadLetter oldestDeadLetter) {

  /** A dead letter as the state names it: its event type and when its consumer gave up. */
  public record DeadLetter(String type, Instant failedAt) {
  }

  /**
   * The subject {@code service} answers its state on, in its own namespace ({@code order.eventsState}):
   * so it is in the service's queue group, and in the subjects its NATS user serves and the gateway's may call.
   */
  public static String subject(String service) {
    return service + ".eventsState";
  }

  /** As docs/PROTOCOL.md gives it: {@code {outboxPending, outboxLagMs, deadLetters, oldestDeadLetter}}. */
  public JsonObject toJson() {
    return new JsonObject().put("outboxPending", outboxPending).put("outboxLagMs", outboxLagMs)
        .put("deadLetters", deadLetters)
        .put("oldestDeadLetter", oldestDeadLetter == null ? null : new JsonObject()
            .put("type", oldestDeadLetter.type()).put("failedAt", Timestamps.format(oldestDeadLetter.failedAt())));
  }

  public static PipelineState fromJson(JsonObject json) {
    JsonObject oldest = json.getJsonObject("oldestDeadLetter");
    return new PipelineState(json.getLong("outboxPending"), json.getLong("outboxLagMs"), json.getLong("deadLetters"),
        oldest == null ? null : new DeadLetter(oldest.getString("type"), Instant.parse(oldest.getString("failedAt"))));
  }
}
