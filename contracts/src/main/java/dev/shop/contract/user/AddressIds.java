package dev.shop.contract.user;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What another service reads of the answer of {@code address.listByUser} (an array of
 * AddressResponse, asked with the user as caller): the ids of the caller's addresses.
 */
public record AddressIds(List<UUID> ids) {

  public AddressIds {
    ids = List.copyOf(ids);
  }

  public boolean contains(UUID addressId) {
    return ids.contains(addressId);
  }

  /** The array with only each address's {@code id}. */
  public JsonArray toJson() {
    return JsonFields.array(ids, id -> new JsonObject().put("id", id.toString()));
  }

  /** An address without an id is none of the caller's. */
  public static AddressIds fromJson(JsonArray addresses) {
    return new AddressIds(JsonFields.objects(addresses, address -> JsonFields.id(address, "id")).stream()
        .filter(Objects::nonNull).toList());
  }
}
