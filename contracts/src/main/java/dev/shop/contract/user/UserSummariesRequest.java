package dev.shop.contract.user;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** {@code user.summaries}: {@code {ids}}, at most {@link #MAX_IDS} of them, asked as an administrator. */
public record UserSummariesRequest(List<UUID> ids) {

  /** A page of a listing at most. */
  public static final int MAX_IDS = 100;

  public UserSummariesRequest {
    ids = List.copyOf(ids);
  }

  public JsonObject toJson() {
    return new JsonObject().put("ids", JsonFields.array(ids, UUID::toString));
  }
}
