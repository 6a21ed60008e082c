package dev.shop.order.remote;

import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.user.UserSubjects;
import dev.shop.contract.user.UserSummaries;
import dev.shop.contract.user.UserSummariesRequest;
import dev.shop.contract.user.UserSummary;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The user service's summaries of the customers of orders, asked for an administrator. */
public final class Customers {

  private final OptionalAnswers peers;

  public Customers(OptionalAnswers peers) {
    this.peers = peers;
  }

  /**
   * The summaries of the users of {@code ids} (at most a page of them), by id, in one request;
   * empty when the user service does not answer, and without the users it does not know.
   */
  public Future<Map<UUID, UserSummary>> of(RequestMeta caller, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return peers.ask(UserSubjects.USER_SUMMARIES, new UserSummariesRequest(ids).toJson(), caller)
        .map(reply -> reply.map(found -> UserSummaries.fromJson(found.bodyAsObject()).byId()).orElse(Map.of()));
  }
}
