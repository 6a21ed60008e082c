package dev.shop.order.order;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Which orders the administrators' listing shows: of one status, of one user, created from
 * {@code from} until before {@code toExclusive}; each null means any.
 */
public record OrderFilter(OrderStatus status, UUID userId, Instant from, Instant toExclusive) {

  /**
   * The {@code WHERE} clause of the filter (empty for none) with its parameters numbered from
   * {@code $1}, appended to {@code parameters}. Only the conditions given are written, so each
   * combination is its own prepared statement with its own plan (an {@code $n IS NULL OR ...}
   * form would leave the planner one generic plan for all of them).
   */
  String where(List<Object> parameters) {
    List<String> conditions = new ArrayList<>();
    if (status != null) {
      parameters.add(status.name());
      conditions.add("status = $" + parameters.size());
    }
    if (userId != null) {
      parameters.add(userId);
      conditions.add("user_id = $" + parameters.size());
    }
    if (from != null) {
      parameters.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      conditions.add("created_at >= $" + parameters.size());
    }
    if (toExclusive != null) {
      parameters.add(OffsetDateTime.ofInstant(toExclusive, ZoneOffset.UTC));
      conditions.add("created_at < $" + parameters.size());
    }
    return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ";
  }
}
