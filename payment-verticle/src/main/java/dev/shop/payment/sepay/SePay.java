package dev.shop.payment.sepay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Bank transfer by QR code through SePay: the shop's account receives a transfer whose
 * description carries the payment's reference, and SePay notifies the webhook.
 */
public final class SePay {

  private final String bank;
  private final String bankBin;
  private final String account;
  private final String qrImageUrl;

  public SePay(SePaySettings settings) {
    this.bank = settings.bank();
    this.bankBin = settings.bankBin();
    this.account = settings.account();
    this.qrImageUrl = settings.qrImageUrl();
  }

  /** Whether the shop has an account to receive transfers (SHOP_SEPAY_ACCOUNT). */
  public boolean configured() {
    return account != null;
  }

  /** The VietQR text of the transfer: what the client renders as a QR code. */
  public String qrCode(long amount, String reference) {
    return VietQr.transfer(bankBin, account, amount, reference);
  }

  /** SePay's image of the same QR code, a link a client can open or embed. */
  public String paymentUrl(long amount, String reference) {
    return qrImageUrl + "?acc=" + encode(account) + "&bank=" + encode(bank) + "&amount=" + amount
        + "&des=" + encode(reference);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
