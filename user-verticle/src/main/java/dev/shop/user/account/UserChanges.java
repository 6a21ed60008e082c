package dev.shop.user.account;

import dev.shop.common.auth.Role;

/** The validated fields of an update; null leaves a field as it is (phone may be cleared). */
public record UserChanges(String fullName, boolean phoneGiven, String phone, Role role, Boolean active) {

  public static UserChanges deactivation() {
    return new UserChanges(null, false, null, null, false);
  }
}
