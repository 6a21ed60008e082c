package dev.shop.payment.sepay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VietQrTest {

  @Test
  void theChecksumIsCrc16CcittFalse() {
    // The check value of the algorithm's catalogue entry.
    assertThat(VietQr.crc16("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x29B1);
  }

  @Test
  void aTransferCarriesTheBankTheAccountTheAmountAndTheReference() {
    String qr = VietQr.transfer("970422", "0123456789", 6_298_000, "SHOPK7Q2M9XW4HTD");
    Map<String, String> fields = parse(qr);
    assertThat(fields.get("00")).isEqualTo("01");
    assertThat(fields.get("01")).isEqualTo("12");
    Map<String, String> merchant = parse(fields.get("38"));
    assertThat(merchant.get("00")).isEqualTo("A000000727");
    assertThat(parse(merchant.get("01"))).containsEntry("00", "970422").containsEntry("01", "0123456789");
    assertThat(merchant.get("02")).isEqualTo("QRIBFTTA");
    assertThat(fields.get("53")).isEqualTo("704");
    assertThat(fields.get("54")).isEqualTo("6298000");
    assertThat(fields.get("58")).isEqualTo("VN");
    assertThat(parse(fields.get("62"))).containsEntry("08", "SHOPK7Q2M9XW4HTD");
    String body = qr.substring(0, qr.length() - 4);
    assertThat(fields.get("63")).isEqualTo(String.format("%04X", VietQr.crc16(body.getBytes(StandardCharsets.UTF_8))));
  }

  /** Reads EMVCo id-length-value fields. */
  private static Map<String, String> parse(String tlv) {
    Map<String, String> fields = new LinkedHashMap<>();
    int at = 0;
    while (at < tlv.length()) {
      String id = tlv.substring(at, at + 2);
      int length = Integer.parseInt(tlv.substring(at + 2, at + 4));
      fields.put(id, tlv.substring(at + 4, at + 4 + length));
      at += 4 + length;
    }
    return fields;
  }
}
