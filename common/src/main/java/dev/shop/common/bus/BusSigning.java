package dev.shop.common.bus;

import dev.shop.common.error.ShopException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed caller context: every bus request carries an HMAC-SHA256, made with the key all the
 * platform's JVMs share ({@code SHOP_BUS_SIGNING_KEY}), over its subject, the time it was signed,
 * its caller, request id and idempotency key, and a digest of its body. A service answers only
 * requests whose signature verifies and is at most {@link #MAX_AGE} old (either way, for clock
 * skew), so a NATS client without the key can neither call a subject nor pose as a user, and a
 * signed request cannot be altered. docs/PROTOCOL.md gives the exact string signed.
 */
public final class BusSigning {

  public static final String SIGNATURE = "Shop-Signature";
  public static final String SIGNED_AT = "Shop-Signed-At";
  public static final Duration MAX_AGE = Duration.ofSeconds(60);
  static final int MIN_KEY_LENGTH = 32;
  private static final String VERSION = "v1";
  private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  private BusSigning(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(this.key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The signing of {@code secret}, which must hold at least 32 characters. */
  public static BusSigning of(String secret) {
    if (secret == null || secret.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException("SHOP_BUS_SIGNING_KEY must be set to a secret of at least " + MIN_KEY_LENGTH
          + " characters, the same in every JVM of the platform (e.g. openssl rand -base64 48)");
    }
    return new BusSigning(secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Adds the signature headers of a request about to be sent. The caller, request id and
   * idempotency key are signed as {@code meta} holds them: the request must carry them in its
   * {@code Shop-*} headers exactly so (absent when null).
   */
  public void sign(String subject, RequestMeta meta, byte[] body, BiConsumer<String, String> header) {
    String signedAt = Long.toString(System.currentTimeMillis());
    header.accept(SIGNED_AT, signedAt);
    header.accept(SIGNATURE, signature(subject, signedAt, meta.caller().userId(),
        meta.caller().role() == null ? null : meta.caller().role().name(), meta.requestId(), meta.idempotencyKey(),
        body));
  }

  /** Fails with 401 unless the request's signature is present, fresh and right. */
  void verify(String subject, Function<String, String> header, byte[] body) {
    String signedAt = header.apply(SIGNED_AT);
    String signature = header.apply(SIGNATURE);
    long at;
    try {
      at = Long.parseLong(signedAt);
    } catch (NumberFormatException | NullPointerException e) {
      throw unsigned();
    }
    if (signature == null || Math.abs(System.currentTimeMillis() - at) > MAX_AGE.toMillis()) {
      throw unsigned();
    }
    String expected = signature(subject, signedAt, header.apply(BusHeaders.CALLER_ID),
        header.apply(BusHeaders.CALLER_ROLE), header.apply(BusHeaders.REQUEST_ID),
        header.apply(BusHeaders.IDEMPOTENCY_KEY), body);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw unsigned();
    }
  }

  private static ShopException unsigned() {
    return ShopException.unauthorized("The request's caller signature is missing, stale or wrong");
  }

  private String signature(String subject, String signedAt, String callerId, String role, String requestId,
      String idempotencyKey, byte[] body) {
    String text = String.join("\n", VERSION, subject, signedAt, orEmpty(callerId), orEmpty(role), orEmpty(requestId),
        orEmpty(idempotencyKey), HexFormat.of().formatHex(sha256(body)));
    Mac mac = macs.get();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  private static byte[] sha256(byte[] body) {
    return DIGESTS.get().digest(body == null ? new byte[0] : body);
  }
}
