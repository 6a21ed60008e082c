package dev.shop.common.event;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Applies an event inside the consumer's transaction ({@code tx}), the one that also records the
 * event as applied: the effect and the record commit together or not at all.
 */
@FunctionalInterface
public interface EventHandler {
  Future<Void> apply(SqlClient tx, DomainEvent event);
}
