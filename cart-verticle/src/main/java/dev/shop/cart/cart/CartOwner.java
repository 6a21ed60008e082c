package dev.shop.cart.cart;

import dev.shop.common.bus.Caller;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.JsonInput;
import java.util.UUID;

/**
 * Whose cart a request is about: the caller's when a user calls (a {@code sessionId} is then
 * ignored), else the anonymous session's. A cart is only ever found through its owner, so another
 * user's or session's cart and items are simply not found.
 */
record CartOwner(UUID userId, String sessionId) {

  static final int SESSION_ID_MIN = 8;
  static final int SESSION_ID_MAX = 128;

  /** The caller, or else the {@code sessionId} of {@code input} (reported there when missing or invalid). */
  static CartOwner of(Caller caller, JsonInput input) {
    return caller.authenticated() ? user(caller) : new CartOwner(null, sessionId(input));
  }

  /** The calling user; 401 for an anonymous caller. */
  static CartOwner user(Caller caller) {
    UUID userId = Ids.parse(caller.requireUser())
        .orElseThrow(() -> ShopException.unauthorized("Authentication required"));
    return new CartOwner(userId, null);
  }

  static String sessionId(JsonInput input) {
    return input.requiredString("sessionId", SESSION_ID_MIN, SESSION_ID_MAX);
  }

  /** The column of {@code carts} that identifies this owner. */
  String column() {
    return userId != null ? "user_id" : "session_id";
  }

  /** The value of {@link #column()}. */
  Object key() {
    return userId != null ? userId : sessionId;
  }
}
