package dev.shop.common.text;

import java.text.Normalizer;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * URL slugs: lower-case ASCII words joined by hyphens. Derived from names with diacritics folded
 * the way shoppers type them ("Điện thoại di động" gives {@code dien-thoai-di-dong}).
 */
public final class Slugs {

  public static final int MAX_LENGTH = 120;
  private static final Pattern VALID = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

  private Slugs() {
  }

  public static boolean isValid(String slug) {
    return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
  }

  /** The slug of {@code text}, or {@code fallback} when nothing of it is ASCII-foldable. */
  public static String derive(String text, String fallback) {
    String folded = MARKS.matcher(Normalizer.normalize(foldLetters(text), Normalizer.Form.NFD)).replaceAll("");
    String slug = SEPARATORS.matcher(folded.toLowerCase(java.util.Locale.ROOT)).replaceAll("-");
    slug = trimHyphens(slug);
    if (slug.length() > MAX_LENGTH) {
      slug = trimHyphens(slug.substring(0, MAX_LENGTH));
    }
    return slug.isEmpty() ? fallback : slug;
  }

  /**
   * {@code base} when it is free, else the first of {@code base-2}, {@code base-3}, ... not in
   * {@code taken}; the suffix never pushes the slug over {@link #MAX_LENGTH}.
   */
  public static String firstFree(String base, Collection<String> taken) {
    if (!taken.contains(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String suffix = "-" + n;
      String stem = base.length() + suffix.length() > MAX_LENGTH
          ? trimHyphens(base.substring(0, MAX_LENGTH - suffix.length()))
          : base;
      String candidate = stem + suffix;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** Letters that are not a base letter plus combining marks, so NFD does not fold them. */
  private static String foldLetters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case 'đ', 'Đ' -> out.append('d');
        case 'ß' -> out.append("ss");
        case 'æ', 'Æ' -> out.append("ae");
        case 'œ', 'Œ' -> out.append("oe");
        case 'ø', 'Ø' -> out.append('o');
        case 'ł', 'Ł' -> out.append('l');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String trimHyphens(String slug) {
    int start = 0;
    int end = slug.length();
    while (start < end && slug.charAt(start) == '-') {
      start++;
    }
    while (end > start && slug.charAt(end - 1) == '-') {
      end--;
    }
    return slug.substring(start, end);
  }
}
