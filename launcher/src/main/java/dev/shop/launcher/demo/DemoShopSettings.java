package dev.shop.launcher.demo;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.db.DatabaseSettings;

/**
 * What the demo shop needs: the administrator it acts as (confirming, shipping, delivering,
 * cancelling), the webhook's secret it signs the bank's notices with (none: every order is paid
 * cash on delivery), and the order database it checks for orders.
 */
record DemoShopSettings(String adminEmail, String adminPassword, String webhookSecret, boolean transfers,
    String orderDatabaseUrl) {

  static DemoShopSettings from(ShopConfig config) {
    String secret = config.optionalString(ConfigKeys.PAYMENT_WEBHOOK_SECRET);
    return new DemoShopSettings(config.optionalString(ConfigKeys.ADMIN_EMAIL),
        config.optionalString(ConfigKeys.ADMIN_PASSWORD), secret,
        secret != null && config.optionalString(ConfigKeys.SEPAY_ACCOUNT) != null,
        DatabaseSettings.from(ServiceNames.ORDER, config).url());
  }

  boolean hasAdmin() {
    return adminEmail != null && adminPassword != null;
  }

  /** Without the password and the secret. */
  @Override
  public String toString() {
    return "DemoShopSettings[adminEmail=" + adminEmail + ", transfers=" + transfers + "]";
  }
}
