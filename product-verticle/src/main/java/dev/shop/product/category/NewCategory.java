package dev.shop.product.category;

import dev.shop.product.slug.SlugChoice;
import java.util.UUID;

/** A validated category to create. */
public record NewCategory(String name, SlugChoice slug, String description, UUID parentId) {
}
