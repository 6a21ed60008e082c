package dev.shop.payment.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The provider's signature of a webhook: {@code sha256=<hex HMAC-SHA256 of the raw body>} keyed
 * with the shared secret, compared in constant time.
 */
public final class WebhookSignature {

  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** {@code secret} may be null: then no signature is valid (only administrators may call). */
  public WebhookSignature(String secret) {
    this.key = secret == null ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  public boolean valid(byte[] rawBody, String header) {
    if (key == null || header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(sign(rawBody), given);
  }

  /** The header a provider sends with {@code rawBody}: {@code sha256=} and the hex of its HMAC. */
  public String header(byte[] rawBody) {
    return PREFIX + HexFormat.of().formatHex(sign(rawBody));
  }

  /** The HMAC of {@code rawBody} (also what a provider, or a test, puts in the header). */
  public byte[] sign(byte[] rawBody) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(rawBody);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }
}
