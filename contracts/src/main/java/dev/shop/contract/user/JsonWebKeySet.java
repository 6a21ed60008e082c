package dev.shop.contract.user;

import dev.shop.contract.JsonFields;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The answer of {@code auth.jwks}: the public keys that verify access tokens, as a JSON Web Key Set
 * {@code {keys:[jwk...]}} (RFC 7517). The keys are passed on as the user service publishes them.
 */
public record JsonWebKeySet(List<JsonObject> keys) {

  public JsonWebKeySet {
    keys = List.copyOf(keys);
  }

  public JsonObject toJson() {
    return new JsonObject().put("keys", JsonFields.array(keys, JsonObject::copy));
  }

  /** A set without {@code keys} has none. */
  public static JsonWebKeySet fromJson(JsonObject json) {
    return new JsonWebKeySet(JsonFields.objects(json, "keys", JsonObject::copy));
  }
}
