package dev.shop.product.category;

import java.util.UUID;

/**
 * The validated fields of a category update; null leaves a field as it is, except that
 * {@code description} and {@code parentId} are cleared when given as null.
 */
record CategoryChanges(String name, String slug, boolean descriptionGiven, String description,
    boolean parentGiven, UUID parentId) {
}
