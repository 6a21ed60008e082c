package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's "Catalogue" (openapi.json): the category tree. */
abstract class CategoryApiContract extends CatalogueApiTest {

  @Test
  void createDerivesAFoldedSlugAndAnswersACategoryResponse() {
    Http.Response response = http.post("/categories",
        new JsonObject().put("name", "Điện thoại di động " + token), adminToken);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonObject category = response.json();
    assertCategoryResponse(category);
    assertThat(category.getString("slug")).isEqualTo("dien-thoai-di-dong-" + token);
    assertThat(category.getString("name")).isEqualTo("Điện thoại di động " + token);
    assertThat(category.getValue("description")).isNull();
    assertThat(category.getValue("parentId")).isNull();
    assertThat(category.getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void derivedSlugsAreMadeUniqueWithASuffix() {
    String name = "Đồ chơi " + token;
    assertThat(createCategory(name, null).getString("slug")).isEqualTo("do-choi-" + token);
    assertThat(createCategory(name, null).getString("slug")).isEqualTo("do-choi-" + token + "-2");
    assertThat(createCategory(name.toUpperCase(), null).getString("slug")).isEqualTo("do-choi-" + token + "-3");
  }

  @Test
  void anExplicitSlugMustBeValidAndFree() {
    String slug = "books-" + token;
    Http.Response created = http.post("/categories", new JsonObject().put("name", "Books").put("slug", slug)
        .put("description", "Paper and ink"), adminToken);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().getString("slug")).isEqualTo(slug);
    assertThat(created.json().getString("description")).isEqualTo("Paper and ink");

    JsonObject taken = assertError(http.post("/categories", new JsonObject().put("name", "Other").put("slug", slug),
        adminToken), 409, "/categories");
    assertThat(detailFields(taken)).containsExactly("slug");

    for (String invalid : new String[] {"Books", "sách", "a--b", "-a", "a b"}) {
      JsonObject error = assertError(http.post("/categories", new JsonObject().put("name", "X").put("slug", invalid),
          adminToken), 400, "/categories");
      assertThat(detailFields(error)).containsExactly("slug");
    }
  }

  @Test
  void singleReadsCarryTheParentAndTheChildren() {
    JsonObject root = createCategory("Root " + token, null);
    JsonObject child = createCategory("Child " + token, id(root));
    JsonObject grandchild = createCategory("Grandchild " + token, id(child));
    assertThat(child.getString("parentId")).isEqualTo(id(root));

    JsonObject read = http.get("/categories/" + id(child), null).json();
    assertThat(read.fieldNames()).containsExactlyInAnyOrder("id", "name", "slug", "description", "parentId",
        "createdAt", "updatedAt", "parent", "children");
    assertThat(read.getJsonObject("parent")).isEqualTo(root);
    assertThat(read.getJsonArray("children")).isEqualTo(new JsonArray().add(grandchild));

    JsonObject bySlug = http.get("/categories/slug/" + child.getString("slug"), null).json();
    assertThat(bySlug).isEqualTo(read);

    JsonObject top = http.get("/categories/" + id(root), null).json();
    assertThat(top.getValue("parent")).isNull();
    assertThat(top.containsKey("parent")).isTrue();
    assertThat(ids(top, "children")).containsExactly(id(child));
    JsonObject leaf = http.get("/categories/" + id(grandchild), null).json();
    assertThat(leaf.getJsonArray("children")).isEmpty();
  }

  @Test
  void unknownCategoriesAre404() {
    String unknown = UUID.randomUUID().toString();
    assertError(http.get("/categories/" + unknown, null), 404, "/categories/" + unknown);
    assertError(http.get("/categories/not-an-id", null), 404, "/categories/not-an-id");
    assertError(http.get("/categories/slug/no-such-" + token, null), 404, "/categories/slug/no-such-" + token);
    assertError(http.put("/categories/" + unknown, new JsonObject().put("name", "X"), adminToken), 404,
        "/categories/" + unknown);
    assertError(http.put("/categories/42", new JsonObject().put("name", "X"), adminToken), 404, "/categories/42");
    assertError(http.delete("/categories/" + unknown, adminToken), 404, "/categories/" + unknown);
    assertError(http.delete("/categories/xyz", adminToken), 404, "/categories/xyz");
  }

  @Test
  void onlyAnAdministratorChangesCategories() {
    JsonObject category = createCategory("Guarded " + token, null);
    String customer = register("shopper").accessToken();
    String path = "/categories/" + id(category);
    JsonObject body = new JsonObject().put("name", "Hijacked");

    assertError(http.post("/categories", body, null), 401, "/categories");
    assertError(http.post("/categories", body, customer), 403, "/categories");
    assertError(http.post("/categories", body, "garbage"), 401, "/categories");
    assertError(http.put(path, body, null), 401, path);
    assertError(http.put(path, body, customer), 403, path);
    assertError(http.delete(path, null), 401, path);
    assertError(http.delete(path, customer), 403, path);
    assertThat(http.get(path, null).json().getString("name")).isEqualTo("Guarded " + token);
  }

  @Test
  void invalidBodiesAre400WithDetails() {
    JsonObject error = assertError(http.post("/categories", new JsonObject().put("color", "red"), adminToken), 400,
        "/categories");
    assertThat(detailFields(error)).containsExactlyInAnyOrder("name", "color");

    JsonObject types = assertError(http.post("/categories", new JsonObject().put("name", 42).put("description", true)
        .put("parentId", 7), adminToken), 400, "/categories");
    assertThat(detailFields(types)).containsExactlyInAnyOrder("name", "description", "parentId");

    assertThat(detailFields(assertError(http.post("/categories", new JsonObject().put("name", "  "), adminToken),
        400, "/categories"))).containsExactly("name");
    assertThat(detailFields(assertError(http.post("/categories", new JsonObject().put("name", "Orphan")
        .put("parentId", UUID.randomUUID().toString()), adminToken), 400, "/categories"))).containsExactly("parentId");
    assertThat(detailFields(assertError(http.post("/categories", new JsonObject().put("name", "Orphan")
        .put("parentId", "nope"), adminToken), 400, "/categories"))).containsExactly("parentId");
    assertError(http.send("POST", "/categories", "{\"name\":", adminToken, java.util.Map.of()), 400, "/categories");
  }

  @Test
  void updateChangesTheFieldsSentAndKeepsTheSlug() {
    JsonObject category = http.post("/categories", new JsonObject().put("name", "Laptop " + token)
        .put("description", "Portable computers"), adminToken).json();
    String path = "/categories/" + id(category);

    Http.Response renamed = http.put(path, new JsonObject().put("name", "Máy tính xách tay " + token)
        .put("description", null), adminToken);
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertCategoryResponse(renamed.json());
    assertThat(renamed.json().getString("name")).isEqualTo("Máy tính xách tay " + token);
    assertThat(renamed.json().getString("slug")).isEqualTo(category.getString("slug"));
    assertThat(renamed.json().getValue("description")).isNull();

    Http.Response reslugged = http.put(path, new JsonObject().put("slug", "may-tinh-" + token), adminToken);
    assertThat(reslugged.json().getString("slug")).isEqualTo("may-tinh-" + token);

    JsonObject other = createCategory("Other " + token, null);
    assertError(http.put("/categories/" + id(other), new JsonObject().put("slug", "may-tinh-" + token), adminToken),
        409, "/categories/" + id(other));
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("name", null).put("extra", 1), adminToken),
        400, path))).containsExactlyInAnyOrder("name", "extra");
    assertThat(detailFields(assertError(http.put(path, new JsonObject().put("parentId", UUID.randomUUID().toString()),
        adminToken), 400, path))).containsExactly("parentId");
  }

  @Test
  void aCategoryCannotBecomeItsOwnAncestor() {
    JsonObject root = createCategory("A " + token, null);
    JsonObject child = createCategory("B " + token, id(root));
    JsonObject grandchild = createCategory("C " + token, id(child));
    String rootPath = "/categories/" + id(root);

    assertThat(detailFields(assertError(http.put(rootPath, new JsonObject().put("parentId", id(root)), adminToken),
        400, rootPath))).containsExactly("parentId");
    assertError(http.put(rootPath, new JsonObject().put("parentId", id(grandchild)), adminToken), 400, rootPath);
    assertError(http.put(rootPath, new JsonObject().put("parentId", id(child)), adminToken), 400, rootPath);
    assertThat(http.get(rootPath, null).json().getValue("parentId")).isNull();

    // Moving down the tree's own branch elsewhere is fine, and so is moving back to the top.
    Http.Response moved = http.put("/categories/" + id(grandchild), new JsonObject().put("parentId", id(root)),
        adminToken);
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.json().getString("parentId")).isEqualTo(id(root));
    Http.Response toTop = http.put("/categories/" + id(child), new JsonObject().put("parentId", null), adminToken);
    assertThat(toTop.json().getValue("parentId")).isNull();
    assertThat(ids(http.get(rootPath, null).json(), "children")).containsExactly(id(grandchild));
  }

  @Test
  void deletingACategoryWithChildrenIs409AndProductsLoseTheirCategory() {
    JsonObject parent = createCategory("Parent " + token, null);
    JsonObject child = createCategory("Child " + token, id(parent));
    JsonObject product = createProduct(new JsonObject().put("categoryId", id(child)));
    String parentPath = "/categories/" + id(parent);

    assertError(http.delete(parentPath, adminToken), 409, parentPath);
    assertThat(http.get(parentPath, null).status()).isEqualTo(200);

    Http.Response deleted = http.delete("/categories/" + id(child), adminToken);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json()).isEqualTo(new JsonObject().put("success", true));
    assertError(http.get("/categories/" + id(child), null), 404, "/categories/" + id(child));
    JsonObject orphan = http.get("/products/" + id(product), null).json();
    assertThat(orphan.getValue("categoryId")).isNull();
    assertThat(orphan.getValue("category")).isNull();

    assertThat(http.delete(parentPath, adminToken).status()).isEqualTo(200);
  }

  @Test
  void listFiltersByNameIgnoringAccentsAndByParentSlug() {
    JsonObject parent = createCategory("Thời trang " + token, null);
    JsonObject women = createCategory("Nữ " + token, id(parent));
    JsonObject men = createCategory("Nam " + token, id(parent));
    createCategory("Váy " + token, id(women));

    JsonObject children = list("/categories?parentSlug=" + parent.getString("slug"));
    assertThat(ids(children, "categories")).containsExactly(id(men), id(women));
    assertThat(children.getLong("total")).isEqualTo(2);
    children.getJsonArray("categories").forEach(c -> assertCategoryResponse((JsonObject) c));

    JsonObject found = list("/categories?q=THOI%20TRANG%20" + token);
    assertThat(ids(found, "categories")).containsExactly(id(parent));

    JsonObject paged = list("/categories?q=" + token + "&pageSize=2&page=2");
    assertThat(paged.getLong("total")).isEqualTo(4);
    assertThat(paged.getInteger("page")).isEqualTo(2);
    assertThat(paged.getInteger("pageSize")).isEqualTo(2);
    assertThat(paged.getInteger("totalPages")).isEqualTo(2);
    assertThat(paged.getJsonArray("categories")).hasSize(2);

    assertThat(list("/categories?parentSlug=no-such-" + token).getJsonArray("categories")).isEmpty();
    assertThat(detailFields(assertError(http.get("/categories?page=0", null), 400, "/categories")))
        .containsExactly("page");
    assertThat(detailFields(assertError(http.get("/categories?pageSize=101", null), 400, "/categories")))
        .containsExactly("pageSize");
  }
}
