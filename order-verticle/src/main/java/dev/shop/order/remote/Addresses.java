package dev.shop.order.remote;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.user.AddressIds;
import dev.shop.contract.user.UserSubjects;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The user service's addresses, asked on behalf of the user who checks out. */
public final class Addresses {

  private final Bus bus;

  public Addresses(Bus bus) {
    this.bus = bus;
  }

  /** Whether {@code addressId} is one of the caller's addresses ({@code address.listByUser}). */
  public Future<Boolean> owns(RequestMeta caller, UUID addressId) {
    return bus.request(UserSubjects.ADDRESS_LIST_BY_USER, new JsonObject(), caller)
        .map(reply -> AddressIds.fromJson(reply.bodyAsArray()).contains(addressId));
  }
}
