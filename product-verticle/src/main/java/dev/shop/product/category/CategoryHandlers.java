package dev.shop.product.category;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.common.json.PageRequest;
import dev.shop.contract.RestContract;
import dev.shop.product.slug.SlugChoice;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;

/** The {@code category.*} subjects: reading the tree is public, changing it is for administrators. */
public final class CategoryHandlers {

  private static final int NAME_MAX = 120;
  private static final int DESCRIPTION_MAX = 2000;
  private static final BodySchema NEW_CATEGORY = BodySchema.of(RestContract.document(), "NewCategoryRequest");
  private static final BodySchema CATEGORY_UPDATE = BodySchema.of(RestContract.document(), "CategoryUpdateRequest");

  private final CategoryRepository categories;

  public CategoryHandlers(CategoryRepository categories) {
    this.categories = categories;
  }

  /** {@code {page?, pageSize?, q?, parentSlug?}} as query strings. */
  public Future<BusReply> list(BusRequest request) {
    JsonInput input = JsonInput.lenient(request.body());
    PageRequest page = PageRequest.from(input);
    String q = input.stringParam("q", 100);
    String parentSlug = input.stringParam("parentSlug", 200);
    input.validate();
    return page.envelope("categories", categories.count(q, parentSlug),
        categories.list(q, parentSlug, page.pageSize(), page.offset()), Category::toResponse).map(BusReply::okJson);
  }

  /** {@code {id}}: the category with {@code parent} and {@code children}. */
  public Future<BusReply> getById(BusRequest request) {
    return categories.findById(request.id("Category")).compose(this::withTree);
  }

  /** {@code {slug}}: the category with {@code parent} and {@code children}. */
  public Future<BusReply> getBySlug(BusRequest request) {
    Object slug = request.body().getValue("slug");
    return slug instanceof String text ? categories.findBySlug(text).compose(this::withTree) : Future.failedFuture(notFound());
  }


  /** {@code {name, slug?, description?, parentId?}}; admin. */
  public Future<BusReply> create(BusRequest request) {
    request.caller().requireAdmin();
    JsonInput input = JsonInput.body(request.body(), NEW_CATEGORY);
    String name = input.requiredString("name", 1, NAME_MAX);
    String slug = SlugChoice.read(input);
    String description = input.optionalText("description", DESCRIPTION_MAX);
    UUID parentId = input.optionalId("parentId");
    input.validate();
    return categories.insert(new NewCategory(name, SlugChoice.of(slug, name, "category"), description, parentId))
        .map(category -> BusReply.created(category.toResponse()));
  }

  /** {@code {id, changes:{name?, slug?, description?, parentId?}}}; admin. */
  public Future<BusReply> update(BusRequest request) {
    request.caller().requireAdmin();
    UUID id = request.id("Category");
    JsonObject body = request.body().getJsonObject("changes", new JsonObject());
    JsonInput input = JsonInput.body(body, CATEGORY_UPDATE);
    input.rejectNull("name", "slug");
    String name = input.optionalString("name", 1, NAME_MAX);
    String slug = SlugChoice.read(input);
    String description = input.optionalText("description", DESCRIPTION_MAX);
    UUID parentId = input.optionalId("parentId");
    input.validate();
    CategoryChanges changes = new CategoryChanges(name, slug, input.has("description"), description,
        input.has("parentId"), parentId);
    return categories.update(id, changes)
        .map(updated -> BusReply.ok(updated.orElseThrow(CategoryHandlers::notFound).toResponse()));
  }

  /** {@code {id}}; admin. 409 while the category has children. */
  public Future<BusReply> delete(BusRequest request) {
    request.caller().requireAdmin();
    return categories.delete(request.id("Category")).map(deleted -> {
      if (!deleted) {
        throw notFound();
      }
      return BusReply.success();
    });
  }

  private Future<BusReply> withTree(Optional<Category> category) {
    return categories.tree(category.orElseThrow(CategoryHandlers::notFound))
        .map(tree -> BusReply.ok(tree.toResponse()));
  }

  private static ShopException notFound() {
    return ShopException.notFound("Category not found");
  }
}
