package dev.shop.common.auth;

import java.util.Optional;

public enum Role {
  CUSTOMER,
  ADMIN;

  public static Optional<Role> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.name().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
