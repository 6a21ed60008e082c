package dev.shop.user.address;

import dev.shop.common.json.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A delivery address of a user. */
public record Address(UUID id, UUID userId, String fullName, String phone, String street, String ward,
    String district, String city, boolean isDefault, OffsetDateTime createdAt) {

  static final String COLUMNS = "id, user_id, full_name, phone, street, ward, district, city, is_default, created_at";

  static Address from(Row row) {
    return new Address(row.getUUID("id"), row.getUUID("user_id"), row.getString("full_name"), row.getString("phone"),
        row.getString("street"), row.getString("ward"), row.getString("district"), row.getString("city"),
        row.getBoolean("is_default"), row.getOffsetDateTime("created_at"));
  }

  /** The contract's AddressResponse. */
  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("userId", userId.toString())
        .put("fullName", fullName)
        .put("phone", phone)
        .put("street", street)
        .put("ward", ward)
        .put("district", district)
        .put("city", city)
        .put("isDefault", isDefault)
        .put("createdAt", Timestamps.format(createdAt));
  }
}
