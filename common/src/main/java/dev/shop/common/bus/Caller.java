package dev.shop.common.bus;

import dev.shop.common.auth.Role;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import java.util.UUID;

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

  /** The caller's user id as the uuid it is; 401 for an anonymous caller (or one without a uuid). */
  public UUID requireUserId() {
    return Ids.parse(requireUser()).orElseThrow(() -> ShopException.unauthorized("Authentication required"));
  }

  /** 401 for an anonymous caller, 403 for anybody but an administrator. */
  public void requireAdmin() {
    requireUser();
    if (!isAdmin()) {
      throw ShopException.forbidden("Administrator role required");
    }
  }

  /**
   * 403 for a request made on behalf of a user: the subject is for the services themselves
   * (they call with {@link RequestMeta#internal}), never for a client through the gateway.
   */
  public void requireInternal() {
    if (authenticated()) {
      throw ShopException.forbidden("This subject is for internal use only");
    }
  }

  /** Whether the caller may see a resource owned by {@code ownerId}. */
  public boolean mayAccess(String ownerId) {
    return isAdmin() || (authenticated() && userId.equals(ownerId));
  }
}
