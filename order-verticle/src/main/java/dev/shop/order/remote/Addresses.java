package dev.shop.order.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.user.AddressFindRequest;
import dev.shop.contract.user.AddressIds;
import dev.shop.contract.user.UserSubjects;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The user service's addresses: asked on behalf of the user who checks out, and for an
 * administrator's view of an order.
 */
public final class Addresses {

  private final Bus bus;
  private final OptionalAnswers peers;

  public Addresses(Bus bus, OptionalAnswers peers) {
    this.bus = bus;
    this.peers = peers;
  }

  /** Whether {@code addressId} is one of the caller's addresses ({@code address.listByUser}). */
  public Future<Boolean> owns(RequestMeta caller, UUID addressId) {
    return bus.request(UserSubjects.ADDRESS_LIST_BY_USER, new JsonObject(), caller)
        .map(reply -> AddressIds.fromJson(reply.bodyAsArray()).contains(addressId));
  }

  /**
   * The AddressResponse of {@code addressId}, whoever's it is ({@code address.findById}, asked for
   * an administrator); null when it is gone or the user service does not answer.
   */
  public Future<JsonObject> find(RequestMeta caller, UUID addressId) {
    return peers.ask(UserSubjects.ADDRESS_FIND_BY_ID, new AddressFindRequest(addressId).toJson(), caller)
        .map(reply -> reply.map(BusReply::bodyAsObject).orElse(null));
  }
}
