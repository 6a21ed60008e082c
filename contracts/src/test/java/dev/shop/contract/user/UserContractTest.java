package dev.shop.contract.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The user service's records: what the gateway and the order service exchange with it. */
class UserContractTest {

  private static final UUID USER = UUID.fromString("01a213d3-4066-73f8-b5df-f5ff759706e6");
  private static final UUID ADDRESS = UUID.fromString("01a213d3-45f1-730f-af62-b83dc36a9aeb");

  @Test
  void userStatus() {
    assertThat(new UserStatusRequest(USER).toJson().encode()).isEqualTo("{\"id\":\"" + USER + "\"}");
    assertThat(new UserStatusReply(true).toJson().encode()).isEqualTo("{\"active\":true}");
    assertThat(UserStatusRequest.fromJson(new UserStatusRequest(USER).toJson())).isEqualTo(new UserStatusRequest(USER));
    assertThat(UserStatusReply.fromJson(new UserStatusReply(true).toJson())).isEqualTo(new UserStatusReply(true));
    assertThat(UserStatusReply.fromJson(new JsonObject())).isEqualTo(new UserStatusReply(false));
    assertThat(UserStatusRequest.fromJson(new JsonObject().putNull("id"))).isEqualTo(new UserStatusRequest(null));
  }

  @Test
  void userSummaries() {
    assertThat(new UserSummariesRequest(List.of(USER)).toJson().encode()).isEqualTo("{\"ids\":[\"" + USER + "\"]}");
    UserSummary lan = new UserSummary(USER, "lan@example.com", "Lan", null);
    UserSummaries answer = new UserSummaries(List.of(lan));

    assertThat(UserSummaries.fromJson(answer.toJson())).isEqualTo(answer);
    assertThat(answer.byId()).containsOnlyKeys(USER).containsValue(lan);
    assertThat(lan.toListingJson()).isEqualTo(new JsonObject().put("id", USER.toString())
        .put("email", "lan@example.com").put("fullName", "Lan"));
    assertThat(UserSummaries.fromJson(new JsonObject()).users()).isEmpty();
    assertThat(UserSummaries.fromJson(new JsonObject().put("users", new JsonArray().add(new JsonObject()))).byId())
        .as("a summary without an id names nobody").isEmpty();
    assertThat(new AddressFindRequest(ADDRESS).toJson()).isEqualTo(new JsonObject().put("id", ADDRESS.toString()));
  }

  @Test
  void jsonWebKeySetPassesTheKeysOnAsPublished() {
    JsonObject key = new JsonObject().put("kty", "RSA").put("kid", "k1").put("use", "sig").put("n", "AQAB");
    JsonWebKeySet set = new JsonWebKeySet(List.of(key));

    assertThat(set.toJson()).isEqualTo(new JsonObject().put("keys", new JsonArray().add(key)));
    assertThat(JsonWebKeySet.fromJson(set.toJson())).isEqualTo(set);
    assertThat(JsonWebKeySet.fromJson(new JsonObject()).keys()).isEmpty();
  }

  @Test
  void addressIdsAreReadFromTheAddressList() {
    JsonArray addresses = new JsonArray()
        .add(new JsonObject().put("id", ADDRESS.toString()).put("userId", USER.toString()).put("isDefault", true))
        .add(new JsonObject().putNull("id"));

    AddressIds ids = AddressIds.fromJson(addresses);

    assertThat(ids).isEqualTo(new AddressIds(List.of(ADDRESS)));
    assertThat(ids.contains(ADDRESS)).isTrue();
    assertThat(ids.contains(USER)).isFalse();
    assertThat(AddressIds.fromJson(ids.toJson())).isEqualTo(ids);
    assertThat(AddressIds.fromJson(new JsonArray()).ids()).isEmpty();
  }
}
