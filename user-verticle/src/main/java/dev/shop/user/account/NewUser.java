package dev.shop.user.account;

import dev.shop.common.auth.Role;

/** A validated account to create; the password is already hashed. */
public record NewUser(String email, String passwordHash, String fullName, String phone, Role role) {
}
