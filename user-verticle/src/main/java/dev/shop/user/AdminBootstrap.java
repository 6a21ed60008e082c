package dev.shop.user;

import dev.shop.common.auth.Role;
import dev.shop.common.error.ShopException;
import dev.shop.user.account.AccountFields;
import dev.shop.user.account.NewUser;
import dev.shop.user.account.Passwords;
import dev.shop.user.account.UserRepository;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the administrator account from configuration at start; an existing account is left alone. */
final class AdminBootstrap {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserRepository users;
  private final Passwords passwords;

  AdminBootstrap(UserRepository users, Passwords passwords) {
    this.users = users;
    this.passwords = passwords;
  }

  Future<Void> ensureAdmin(String email, String password) {
    if (email == null || password == null) {
      log.warn("SHOP_ADMIN_EMAIL or SHOP_ADMIN_PASSWORD is not set: no administrator account is created");
      return Future.succeededFuture();
    }
    int bytes = password.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < AccountFields.PASSWORD_MIN_BYTES || bytes > AccountFields.PASSWORD_MAX_BYTES) {
      return Future.failedFuture(new IllegalStateException("SHOP_ADMIN_PASSWORD must be between "
          + AccountFields.PASSWORD_MIN_BYTES + " and " + AccountFields.PASSWORD_MAX_BYTES + " bytes"));
    }
    String normalized = email.trim().toLowerCase();
    return users.findByEmail(normalized).compose(existing -> {
      if (existing.isPresent()) {
        return Future.succeededFuture();
      }
      return passwords.hash(password)
          .compose(hash -> users.insert(new NewUser(normalized, hash, "Administrator", null, Role.ADMIN)))
          .onSuccess(admin -> log.atInfo().addKeyValue("email", normalized).log("administrator account created"))
          // Another replica created it at the same moment: that is the account we wanted.
          .recover(failure -> failure instanceof ShopException e && e.status() == 409
              ? Future.succeededFuture() : Future.failedFuture(failure))
          .mapEmpty();
    });
  }
}
