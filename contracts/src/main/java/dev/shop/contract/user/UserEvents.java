package dev.shop.contract.user;

/**
 * The domain events the user service emits: each one's type, which is also its subject under the
 * event stream's prefix. docs/events.md has their payloads.
 */
public final class UserEvents {

  public static final String REGISTERED = "user.registered";

  private UserEvents() {
  }
}
