package dev.shop.order.order;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A row of an order's status history: the status it took at {@code version}, why (a cancel's
 * reason), and when. Written by the statement that inserts or moves the order, from the order's
 * row as that statement returns it, so history and order never disagree.
 */
public record StatusHistory(int version, OrderStatus status, String reason, OffsetDateTime at) {

  static final String COLUMNS = "version, status, reason, changed_at";

  /**
   * The part of a {@code WITH} statement that records the order rows which the data-modifying
   * query {@code written} returned (its {@code RETURNING} holds {@link Order#COLUMNS}): their
   * version and status, {@code reason} (an SQL expression) and the time in their column
   * {@code atColumn}. The last part of the {@code WITH}: the statement's own query follows.
   */
  static String recorded(String written, String reason, String atColumn) {
    return "history AS (INSERT INTO order_status_history (order_id, version, status, reason, changed_at) "
        + "SELECT id, version, status, " + reason + ", " + atColumn + " FROM " + written + ") ";
  }

  static StatusHistory from(Row row) {
    return new StatusHistory(row.getInteger("version"), OrderStatus.valueOf(row.getString("status")),
        row.getString("reason"), row.getOffsetDateTime("changed_at"));
  }

  /** {@code {status, reason, at}}: an entry of the administrators' order detail. */
  public JsonObject toResponse() {
    return new JsonObject().put("status", status.name()).put("reason", reason).put("at", Timestamps.format(at));
  }
}
