package dev.shop.common.bus;

import dev.shop.common.auth.Role;
import dev.shop.common.error.ShopException;

/**
 * Who a request is made for: the user of a verified access token, or nobody. The gateway sets
 * it from the token; services enforce roles and ownership with it.
 */
public record Caller(String userId, Role role) {

  public static final Caller ANONYMOUS = new Caller(null, null);

  public static Caller user(String userId, Role role) {
    return new Caller(userId, role);
  }

  public boolean authenticated() {
    return userId != null;
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** The caller's user id; 401 for an anonymous caller. */
  public String requireUser() {
    if (!authenticated()) {
      throw ShopException.unauthorized("Authentication required");
    }
    return userId;
  }

  /** 401 for an anonymous caller, 403 for anybody but an administrator. */
  public void requireAdmin() {
    requireUser();
    if (!isAdmin()) {
      throw ShopException.forbidden("Administrator role required");
    }
  }

  /** Whether the caller may see a resource owned by {@code ownerId}. */
  public boolean mayAccess(String ownerId) {
    return isAdmin() || (authenticated() && userId.equals(ownerId));
  }
}
