package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The contract's "Addresses" (openapi.json): the caller's own addresses, exactly one default. */
abstract class AddressesApiContract extends ApiTest {

  static JsonObject address(String street) {
    return new JsonObject().put("fullName", "Trần Thị B").put("phone", "0901234567").put("street", street)
        .put("ward", "Phường Bến Nghé").put("district", "Quận 1").put("city", "Hồ Chí Minh");
  }

  private JsonObject create(Session user, JsonObject body) {
    Http.Response response = http.post("/addresses", body, user.accessToken());
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  private JsonArray list(Session user) {
    Http.Response response = http.get("/addresses", user.accessToken());
    assertThat(response.status()).isEqualTo(200);
    return response.array();
  }

  private static long defaults(JsonArray addresses) {
    return addresses.stream().filter(a -> ((JsonObject) a).getBoolean("isDefault")).count();
  }

  @Test
  void theFirstAddressIsTheDefaultAndTheListShowsDefaultFirst() {
    Session user = register("addr");
    assertThat(list(user)).isEmpty();

    JsonObject first = create(user, address("1 Lê Lợi"));
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("id", "userId", "fullName", "phone", "street", "ward",
        "district", "city", "isDefault", "createdAt");
    assertThat(first.getString("userId")).isEqualTo(user.userId());
    assertThat(first.getBoolean("isDefault")).isTrue();

    JsonObject second = create(user, address("2 Nguyễn Huệ"));
    assertThat(second.getBoolean("isDefault")).isFalse();

    JsonObject third = create(user, address("3 Hai Bà Trưng").put("isDefault", true));
    assertThat(third.getBoolean("isDefault")).isTrue();

    JsonArray all = list(user);
    assertThat(all).hasSize(3);
    assertThat(defaults(all)).isEqualTo(1);
    assertThat(all.getJsonObject(0).getString("id")).isEqualTo(third.getString("id"));
  }

  @Test
  void createValidatesEveryField() {
    Session user = register("addrbad");
    JsonObject error = assertError(http.post("/addresses", new JsonObject().put("street", "").put("phone", "x")
        .put("isDefault", "yes").put("userId", UUID.randomUUID().toString()), user.accessToken()), 400, "/addresses");
    assertThat(detailFields(error)).containsExactlyInAnyOrder("fullName", "phone", "street", "ward", "district", "city",
        "isDefault", "userId");
    assertError(http.post("/addresses", address("x"), null), 401, "/addresses");
  }

  @Test
  void setDefaultKeepsExactlyOneDefault() {
    Session user = register("setdef");
    create(user, address("1"));
    JsonObject second = create(user, address("2"));
    Http.Response response = http.put("/addresses/" + second.getString("id") + "/set-default", null, user.accessToken());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().getBoolean("isDefault")).isTrue();
    JsonArray all = list(user);
    assertThat(defaults(all)).isEqualTo(1);
    assertThat(all.getJsonObject(0).getString("id")).isEqualTo(second.getString("id"));
  }

  @Test
  void updateChangesOnlyTheFieldsSent() {
    Session user = register("addrupd");
    JsonObject created = create(user, address("1 Lê Lợi"));
    Http.Response updated = http.put("/addresses/" + created.getString("id"), new JsonObject().put("street", "9 Đồng Khởi"),
        user.accessToken());
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().getString("street")).isEqualTo("9 Đồng Khởi");
    assertThat(updated.json().getString("city")).isEqualTo("Hồ Chí Minh");
    assertThat(updated.json().getBoolean("isDefault")).isTrue();

    assertThat(detailFields(assertError(http.put("/addresses/" + created.getString("id"),
        new JsonObject().putNull("city").put("color", "red"), user.accessToken()), 400,
        "/addresses/" + created.getString("id")))).containsExactlyInAnyOrder("city", "color");
  }

  @Test
  void unsettingTheDefaultHandsItToTheNewestOther() {
    Session user = register("unset");
    JsonObject first = create(user, address("1"));
    JsonObject second = create(user, address("2"));
    Http.Response response = http.put("/addresses/" + first.getString("id"), new JsonObject().put("isDefault", false),
        user.accessToken());
    assertThat(response.json().getBoolean("isDefault")).isFalse();
    JsonArray all = list(user);
    assertThat(defaults(all)).isEqualTo(1);
    assertThat(all.getJsonObject(0).getString("id")).isEqualTo(second.getString("id"));
  }

  @Test
  void theOnlyAddressStaysTheDefault() {
    Session user = register("only");
    JsonObject only = create(user, address("1"));
    Http.Response response = http.put("/addresses/" + only.getString("id"), new JsonObject().put("isDefault", false),
        user.accessToken());
    assertThat(response.json().getBoolean("isDefault")).isTrue();
  }

  @Test
  void deletingTheDefaultMakesTheNewestOtherTheDefault() {
    Session user = register("del");
    JsonObject first = create(user, address("1"));
    create(user, address("2"));
    JsonObject third = create(user, address("3"));
    Http.Response deleted = http.delete("/addresses/" + first.getString("id"), user.accessToken());
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json()).isEqualTo(new JsonObject().put("success", true));

    JsonArray all = list(user);
    assertThat(all).hasSize(2);
    assertThat(defaults(all)).isEqualTo(1);
    assertThat(all.getJsonObject(0).getString("id")).isEqualTo(third.getString("id"));

    assertError(http.delete("/addresses/" + first.getString("id"), user.accessToken()), 404,
        "/addresses/" + first.getString("id"));
  }

  @Test
  void anotherUsersAddressIs404() {
    Session owner = register("owner");
    Session other = register("other");
    String id = create(owner, address("1")).getString("id");
    assertError(http.put("/addresses/" + id, new JsonObject().put("street", "stolen"), other.accessToken()), 404,
        "/addresses/" + id);
    assertError(http.put("/addresses/" + id + "/set-default", null, other.accessToken()), 404,
        "/addresses/" + id + "/set-default");
    assertError(http.delete("/addresses/" + id, other.accessToken()), 404, "/addresses/" + id);
    assertThat(list(other)).isEmpty();
    assertThat(list(owner).getJsonObject(0).getString("street")).isEqualTo("1");

    assertError(http.delete("/addresses/garbage", owner.accessToken()), 404, "/addresses/garbage");
  }

  @Test
  void concurrentDefaultChangesLeaveExactlyOneDefault() {
    Session user = register("race");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(create(user, address("street " + i)).getString("id"));
    }
    List<CompletableFuture<Http.Response>> requests = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      for (String id : ids) {
        requests.add(CompletableFuture.supplyAsync(() -> http.put("/addresses/" + id + "/set-default", null,
            user.accessToken())));
        requests.add(CompletableFuture.supplyAsync(() -> http.post("/addresses",
            address("concurrent").put("isDefault", true), user.accessToken())));
      }
    }
    requests.forEach(request -> assertThat(request.join().status()).isIn(200, 201));
    JsonArray all = list(user);
    assertThat(all).hasSize(5 + 20);
    assertThat(defaults(all)).isEqualTo(1);
  }
}
