package dev.shop.payment.sepay;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;

/**
 * Where SePay transfers go ({@code SHOP_SEPAY_*}).
 *
 * @param bank the bank's short name, in the QR image link
 * @param bankBin the bank's NAPAS BIN, in the VietQR code
 * @param account the account transfers go to; null: SePay payments are refused
 * @param qrImageUrl SePay's QR image service
 */
public record SePaySettings(String bank, String bankBin, String account, String qrImageUrl) {

  public static SePaySettings from(ShopConfig config) {
    return new SePaySettings(config.string(ConfigKeys.SEPAY_BANK), config.string(ConfigKeys.SEPAY_BANK_BIN),
        config.optionalString(ConfigKeys.SEPAY_ACCOUNT), config.string(ConfigKeys.SEPAY_QR_URL));
  }
}
