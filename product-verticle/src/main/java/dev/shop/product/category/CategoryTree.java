package dev.shop.product.category;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A category with its parent (or none) and its direct children, as the single reads answer it. */
record CategoryTree(Category category, Category parent, List<Category> children) {

  /** The contract's CategoryResponse with {@code parent} and {@code children}. */
  JsonObject toResponse() {
    JsonArray childList = new JsonArray();
    children.forEach(child -> childList.add(child.toResponse()));
    return category.toResponse()
        .put("parent", parent == null ? null : parent.toResponse())
        .put("children", childList);
  }
}
