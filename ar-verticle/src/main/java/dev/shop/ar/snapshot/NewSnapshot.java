package dev.shop.ar.snapshot;

import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@code ar.snapshotCreate}: {@code {productId, imageUrl, metadata?}}. The owner is never
 * in it (it is the caller), so a {@code userId} field is as unknown as any other: 400.
 */
record NewSnapshot(String productId, String imageUrl, JsonObject metadata) {

  static final int IMAGE_URL_MAX = 2048;
  /** The most bytes {@code metadata} may take, encoded as JSON in UTF-8. */
  static final int METADATA_MAX_BYTES = 16 * 1024;
  private static final BodySchema SCHEMA = BodySchema.of(RestContract.document(), "NewArSnapshotRequest");

  /** Reads and validates the body; 400 with a detail per problem. */
  static NewSnapshot read(JsonObject body) {
    JsonInput input = JsonInput.body(body, SCHEMA);
    String productId = input.requiredString("productId", 1, Integer.MAX_VALUE);
    String imageUrl = input.requiredString("imageUrl", 1, IMAGE_URL_MAX);
    input.check(imageUrl == null || JsonInput.isHttpUrl(imageUrl), "imageUrl", "must be an http or https URL");
    JsonObject metadata = input.optionalObject("metadata");
    if (metadata != null) {
      checkMetadata(input, metadata);
    }
    input.validate();
    return new NewSnapshot(productId, imageUrl, metadata);
  }

  private static void checkMetadata(JsonInput input, JsonObject metadata) {
    if (metadata.toBuffer().length() > METADATA_MAX_BYTES) {
      input.error("metadata", "must be at most " + METADATA_MAX_BYTES + " bytes as JSON");
    } else if (hasNulCharacter(metadata)) {
      // PostgreSQL's jsonb cannot store U+0000 ("unsupported Unicode escape sequence").
      input.error("metadata", "must not contain the character U+0000");
    }
  }

  private static boolean hasNulCharacter(Object value) {
    if (value instanceof JsonObject object) {
      return object.stream().anyMatch(field -> field.getKey().indexOf('\0') >= 0 || hasNulCharacter(field.getValue()));
    }
    if (value instanceof JsonArray array) {
      return array.stream().anyMatch(NewSnapshot::hasNulCharacter);
    }
    return value instanceof String text && text.indexOf('\0') >= 0;
  }
}
