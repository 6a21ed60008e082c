package dev.shop.payment;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.payment.sepay.SePaySettings;

/**
 * The payment service's settings, read once for all its instances.
 *
 * @param webhookSecret the shared secret of the webhook's signature; null: only administrators may call it
 */
public record PaymentSettings(String webhookSecret, SePaySettings sePay) {

  public static PaymentSettings from(ShopConfig config) {
    return new PaymentSettings(config.optionalString(ConfigKeys.PAYMENT_WEBHOOK_SECRET), SePaySettings.from(config));
  }

  /** Without the webhook's secret. */
  @Override
  public String toString() {
    return "PaymentSettings[webhookSecret=" + (webhookSecret == null ? "none" : "***") + ", sePay=" + sePay + "]";
  }
}
