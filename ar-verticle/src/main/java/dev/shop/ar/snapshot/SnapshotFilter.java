package dev.shop.ar.snapshot;

import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Which snapshots a list shows: those of a user, of a product, of both, or all (null: no filter). */
public record SnapshotFilter(UUID userId, UUID productId) {

  /** Whether this shows all snapshots. */
  boolean isEmpty() {
    return userId == null && productId == null;
  }

  /**
   * The WHERE clause of the filters given, numbered from {@code $1}. Only those appear (no
   * {@code $1 IS NULL OR ...}), so each combination is its own statement planned on its own index.
   */
  String where() {
    StringBuilder where = new StringBuilder();
    int number = 0;
    for (String column : conditions().keySet()) {
      where.append(number == 0 ? " WHERE " : " AND ").append(column).append(" = $").append(++number);
    }
    return where.toString();
  }

  /** The values of {@link #where()}'s parameters, in order. */
  Tuple parameters() {
    Tuple parameters = Tuple.tuple();
    conditions().values().forEach(parameters::addUUID);
    return parameters;
  }

  private Map<String, UUID> conditions() {
    Map<String, UUID> conditions = new LinkedHashMap<>();
    if (userId != null) {
      conditions.put("user_id", userId);
    }
    if (productId != null) {
      conditions.put("product_id", productId);
    }
    return conditions;
  }
}
