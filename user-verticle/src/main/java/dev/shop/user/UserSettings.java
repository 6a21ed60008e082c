package dev.shop.user;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.user.auth.SignInSettings;
import dev.shop.user.auth.TokenSettings;

/**
 * The user service's settings, read once for all its instances.
 *
 * @param adminEmail the administrator created at start if absent; null: none
 * @param adminPassword its password
 */
public record UserSettings(TokenSettings tokens, SignInSettings signIn, String adminEmail, String adminPassword) {

  public static UserSettings from(ShopConfig config) {
    return new UserSettings(TokenSettings.from(config), SignInSettings.from(config),
        config.optionalString(ConfigKeys.ADMIN_EMAIL), config.optionalString(ConfigKeys.ADMIN_PASSWORD));
  }

  /** Without the administrator's password. */
  @Override
  public String toString() {
    return "UserSettings[tokens=" + tokens + ", signIn=" + signIn + ", adminEmail=" + adminEmail + "]";
  }
}
