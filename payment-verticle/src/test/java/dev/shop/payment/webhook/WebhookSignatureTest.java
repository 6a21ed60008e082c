package dev.shop.payment.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private final WebhookSignature signature = new WebhookSignature("s3cret");
  private final byte[] body = "{\"orderId\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void theHmacOfTheRawBodyIsValid() {
    // RFC 4231-style known answer: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog").
    WebhookSignature known = new WebhookSignature("key");
    byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
    assertThat(HexFormat.of().formatHex(known.sign(fox)))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    assertThat(known.valid(fox, "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")).isTrue();
    assertThat(known.valid(fox, "SHA256=F7BC83F430538424B13298E6AA6FB143EF4D59A14946175997479DBC2D1A3CD8")).isTrue();
  }

  @Test
  void anythingElseIsInvalid() {
    String good = "sha256=" + HexFormat.of().formatHex(signature.sign(body));
    assertThat(signature.valid(body, good)).isTrue();
    assertThat(signature.valid(body, null)).isFalse();
    assertThat(signature.valid(body, "")).isFalse();
    assertThat(signature.valid(body, good.substring("sha256=".length()))).isFalse();
    assertThat(signature.valid(body, "sha256=zz")).isFalse();
    assertThat(signature.valid(body, good.substring(0, good.length() - 2))).isFalse();
    assertThat(signature.valid("{\"orderId\":\"y\"}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
    assertThat(new WebhookSignature("other").valid(body, good)).isFalse();
    assertThat(new WebhookSignature(null).valid(body, good)).isFalse();
  }
}
