package dev.shop.product.slug;

import dev.shop.common.json.JsonInput;
import dev.shop.common.text.Slugs;

/**
 * The slug of a new category or product: the client's (which must be free: 409 otherwise) or
 * derived from its name (made free with a numeric suffix).
 */
public record SlugChoice(String slug, boolean derived) {

  /** The {@code slug} field of a request, which must be a valid slug; null when absent. */
  public static String read(JsonInput input) {
    String slug = input.optionalString("slug", 1, Slugs.MAX_LENGTH);
    if (slug != null && !Slugs.isValid(slug)) {
      input.error("slug", "must be lower-case letters and digits separated by single hyphens");
      return null;
    }
    return slug;
  }

  public static SlugChoice of(String explicit, String name, String fallback) {
    return explicit != null ? new SlugChoice(explicit, false) : new SlugChoice(Slugs.derive(name, fallback), true);
  }
}
