package dev.shop.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * How the contracts' records read and write their fields, the same way in every service: ids as
 * their text, an absent or null id as null, an absent list as empty, an absent required number as
 * a failure that names the field.
 */
public final class JsonFields {

  private JsonFields() {
  }

  /** The id in {@code field}, or null when it is absent or null. */
  public static UUID id(JsonObject json, String field) {
    String text = json.getString(field);
    return text == null ? null : UUID.fromString(text);
  }

  /** The id's text, or null for none. */
  public static String text(UUID id) {
    return id == null ? null : id.toString();
  }

  /** The number in {@code field}; fails naming the field when it is absent. */
  public static long requiredLong(JsonObject json, String field) {
    Long value = json.getLong(field);
    if (value == null) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    return value;
  }

  /** The number in {@code field}; fails naming the field when it is absent. */
  public static int requiredInt(JsonObject json, String field) {
    Integer value = json.getInteger(field);
    if (value == null) {
      throw new IllegalArgumentException("\"" + field + "\" is missing");
    }
    return value;
  }

  /** The objects of the array in {@code field}, each read by {@code read}; empty when it is absent. */
  public static <T> List<T> objects(JsonObject json, String field, Function<JsonObject, T> read) {
    return objects(json.getJsonArray(field, new JsonArray()), read);
  }

  /** The objects of {@code array}, each read by {@code read}. */
  public static <T> List<T> objects(JsonArray array, Function<JsonObject, T> read) {
    return array.stream().map(item -> read.apply((JsonObject) item)).toList();
  }

  /** The strings of the array in {@code field}; empty when it is absent. */
  public static List<String> strings(JsonObject json, String field) {
    return json.getJsonArray(field, new JsonArray()).stream().map(String::valueOf).toList();
  }

  /** {@code values} as a JSON array, each written by {@code write}. */
  public static <T> JsonArray array(List<T> values, Function<T, Object> write) {
    JsonArray array = new JsonArray();
    values.forEach(value -> array.add(write.apply(value)));
    return array;
  }
}
