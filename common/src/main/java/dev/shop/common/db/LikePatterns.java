package dev.shop.common.db;

/** LIKE patterns built from user text, so that {@code %} and {@code _} in it match themselves. */
public final class LikePatterns {

  private LikePatterns() {
  }

  /** A pattern matching {@code text} anywhere; null stays null. */
  public static String contains(String text) {
    return text == null ? null : "%" + escape(text) + "%";
  }

  /** {@code text} with the LIKE wildcards and the escape character escaped. */
  public static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
