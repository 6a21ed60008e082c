package dev.shop.user.address;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import dev.shop.user.account.AccountFields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/** The {@code address.*} subjects: always the caller's own addresses. */
public final class AddressHandlers {

  /** Every field of an address: an update cannot clear any of them. */
  private static final String[] FIELDS = {"fullName", "phone", "street", "ward", "district", "city", "isDefault"};
  private static final BodySchema NEW_ADDRESS = BodySchema.of(RestContract.document(), "NewAddressRequest");
  private static final BodySchema ADDRESS_UPDATE = BodySchema.of(RestContract.document(), "AddressUpdateRequest");
  private static final int TEXT_MAX = 200;

  private final AddressRepository addresses;

  public AddressHandlers(AddressRepository addresses) {
    this.addresses = addresses;
  }

  /** {@code {}}: the caller's addresses, default first. */
  public Future<BusReply> list(BusRequest request) {
    UUID userId = callerId(request);
    return addresses.list(userId).map(found -> {
      JsonArray items = new JsonArray();
      found.forEach(address -> items.add(address.toResponse()));
      return BusReply.ok(items);
    });
  }

  /**
   * {@code {id}}; admin: any user's address (the order service asks it for an administrator's view
   * of an order). Unknown or malformed ids are 404.
   */
  public Future<BusReply> findById(BusRequest request) {
    request.caller().requireAdmin();
    return addresses.findAny(request.id("Address")).map(AddressHandlers::found);
  }

  /** {@code {fullName, phone, street, ward, district, city, isDefault?}}. */
  public Future<BusReply> create(BusRequest request) {
    UUID userId = callerId(request);
    JsonInput input = JsonInput.body(request.body(), NEW_ADDRESS);
    AddressFields fields = new AddressFields(
        input.requiredString("fullName", 1, AccountFields.NAME_MAX),
        AccountFields.requiredPhone(input, "phone"),
        input.requiredString("street", 1, TEXT_MAX),
        input.requiredString("ward", 1, TEXT_MAX),
        input.requiredString("district", 1, TEXT_MAX),
        input.requiredString("city", 1, TEXT_MAX));
    Boolean isDefault = input.optionalBoolean("isDefault");
    input.validate();
    return addresses.insert(userId, fields, Boolean.TRUE.equals(isDefault))
        .map(address -> BusReply.created(address.toResponse()));
  }

  /** {@code {id, changes:{any subset of the fields}}}. */
  public Future<BusReply> update(BusRequest request) {
    UUID userId = callerId(request);
    UUID id = request.id("Address");
    JsonObject changes = request.body().getJsonObject("changes", new JsonObject());
    JsonInput input = JsonInput.body(changes, ADDRESS_UPDATE);
    input.rejectNull(FIELDS);
    AddressFields fields = new AddressFields(
        input.optionalString("fullName", 1, AccountFields.NAME_MAX),
        AccountFields.phone(input, "phone"),
        input.optionalString("street", 1, TEXT_MAX),
        input.optionalString("ward", 1, TEXT_MAX),
        input.optionalString("district", 1, TEXT_MAX),
        input.optionalString("city", 1, TEXT_MAX));
    Boolean isDefault = input.optionalBoolean("isDefault");
    input.validate();
    return addresses.update(userId, id, fields, isDefault).map(AddressHandlers::found);
  }

  /** {@code {id}}. */
  public Future<BusReply> delete(BusRequest request) {
    UUID userId = callerId(request);
    UUID id = request.id("Address");
    return addresses.delete(userId, id).map(deleted -> {
      if (!deleted) {
        throw notFound();
      }
      return BusReply.success();
    });
  }

  /** {@code {id}}. */
  public Future<BusReply> setDefault(BusRequest request) {
    UUID userId = callerId(request);
    UUID id = request.id("Address");
    return addresses.makeDefault(userId, id).map(AddressHandlers::found);
  }

  private static BusReply found(Optional<Address> address) {
    return BusReply.ok(address.orElseThrow(AddressHandlers::notFound).toResponse());
  }

  private static UUID callerId(BusRequest request) {
    return request.caller().requireUserId();
  }

  private static ShopException notFound() {
    return ShopException.notFound("Address not found");
  }
}
