package dev.shop.user.account;

import dev.shop.common.auth.Role;
import dev.shop.common.json.Timestamps;
import dev.shop.contract.user.UserSummary;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user account as stored. The password hash never leaves the service. */
public record User(UUID id, String email, String passwordHash, String fullName, String phone, Role role,
    boolean active, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static final String COLUMNS = "id, email, password_hash, full_name, phone, role, is_active, created_at, updated_at";

  static User from(Row row) {
    return new User(row.getUUID("id"), row.getString("email"), row.getString("password_hash"),
        row.getString("full_name"), row.getString("phone"), Role.valueOf(row.getString("role")),
        row.getBoolean("is_active"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  /** The contract's UserResponse. */
  public JsonObject toResponse() {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("fullName", fullName)
        .put("phone", phone)
        .put("role", role.name())
        .put("isActive", active)
        .put("createdAt", Timestamps.format(createdAt))
        .put("updatedAt", Timestamps.format(updatedAt));
  }

  /** What an administrator's views of orders show of their customer. */
  public UserSummary toUserSummary() {
    return new UserSummary(id, email, fullName, phone);
  }

  /** The payload of {@code user.registered} (docs/events.md). */
  public JsonObject toRegisteredEvent() {
    return new JsonObject()
        .put("userId", id.toString())
        .put("email", email)
        .put("role", role.name())
        .put("registeredAt", Timestamps.format(createdAt));
  }

  /** The {@code user} of an AuthResponse. */
  public JsonObject toSummary() {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("fullName", fullName)
        .put("role", role.name());
  }
}
