package dev.shop.contract.user;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The answer of {@code user.summaries}: {@code {users}}, one per known id asked (unknown ids have none). */
public record UserSummaries(List<UserSummary> users) {

  public UserSummaries {
    users = List.copyOf(users);
  }

  /** The summaries by user id; a summary without an id is left out. */
  public Map<UUID, UserSummary> byId() {
    return users.stream().filter(user -> user.id() != null)
        .collect(Collectors.toMap(UserSummary::id, Function.identity(), (one, other) -> one));
  }

  public JsonObject toJson() {
    return new JsonObject().put("users", JsonFields.array(users, UserSummary::toJson));
  }

  public static UserSummaries fromJson(JsonObject json) {
    return new UserSummaries(JsonFields.objects(json, "users", UserSummary::fromJson).stream()
        .filter(Objects::nonNull).toList());
  }
}
