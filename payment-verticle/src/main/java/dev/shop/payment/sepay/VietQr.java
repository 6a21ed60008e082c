package dev.shop.payment.sepay;

import java.nio.charset.StandardCharsets;

/**
 * The text of a VietQR code (the EMVCo merchant-presented format of NAPAS): a bank transfer to an
 * account, of an amount, with a reference in its description. Any Vietnamese banking app that
 * scans it fills in the transfer.
 */
final class VietQr {

  private static final String NAPAS_GUID = "A000000727";
  private static final String TRANSFER_TO_ACCOUNT = "QRIBFTTA";
  private static final String VND = "704";

  private VietQr() {
  }

  static String transfer(String bankBin, String account, long amount, String reference) {
    String beneficiary = field("00", bankBin) + field("01", account);
    String merchant = field("00", NAPAS_GUID) + field("01", beneficiary) + field("02", TRANSFER_TO_ACCOUNT);
    String body = field("00", "01")
        + field("01", "12") // dynamic: valid for this one payment
        + field("38", merchant)
        + field("53", VND)
        + field("54", Long.toString(amount))
        + field("58", "VN")
        + field("62", field("08", reference))
        + "6304";
    return body + String.format("%04X", crc16(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String field(String id, String value) {
    return id + String.format("%02d", value.length()) + value;
  }

  /** CRC-16/CCITT-FALSE, as EMVCo specifies for the checksum field 63. */
  static int crc16(byte[] data) {
    int crc = 0xFFFF;
    for (byte b : data) {
      crc ^= (b & 0xFF) << 8;
      for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
    }
    return crc & 0xFFFF;
  }
}
