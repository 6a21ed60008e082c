package dev.shop.common.id;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;

/** Time-ordered ids (UUID version 7): sortable by creation, unguessable, made by the application. */
public final class Ids {

  private static final SecureRandom random = new SecureRandom();

  private Ids() {
  }

  public static UUID newId() {
    long millis = System.currentTimeMillis();
    long randA = random.nextInt(1 << 12);
    long randB = random.nextLong();
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The id, or empty for anything that is not a UUID string (a number, null, an object...). */
  public static Optional<UUID> parse(Object value) {
    return value instanceof String text ? parse(text) : Optional.empty();
  }

  /** The id, or empty for any string that is not a UUID (such ids can only be unknown: 404). */
  public static Optional<UUID> parse(String value) {
    if (value == null || value.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
