package dev.shop.common.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request body's schema from the OpenAPI document, compiled once (keep it in a constant), and
 * what a body breaks of it: per field (named as in the contract's details, {@code items[2].quantity}),
 * the first problem the validator reports. The wording is today's: an unknown field "is not
 * allowed", a missing one "is required", a number out of the schema's bounds "must be between 1 and
 * 999" (or "must be at least 0"), an array of the wrong size "must have at most 20 entries"; a value
 * of the wrong type or not among an enum's is left to the reader of the field to word ("must be an
 * id", "must be one of COD, SePay"). A null field counts as absent, as everywhere in the services.
 */
public final class BodySchema {

  /**
   * What is wrong with one field: how, in today's words ({@code null} for a {@link Kind#WRONG_VALUE},
   * which the field's reader words), and the schema of the field.
   */
  public record Problem(Kind kind, String message, JsonObject schema) {
  }

  /** How a field breaks the schema. */
  public enum Kind {
    /** Not among the schema's properties, where it says {@code additionalProperties: false}. */
    UNKNOWN,
    REQUIRED,
    /** Of the wrong type, or not among the values of an {@code enum}. */
    WRONG_VALUE,
    /** Outside the schema's bounds: a number's minimum or maximum, an array's size, a value {@code not} allowed. */
    OUT_OF_BOUNDS
  }

  private final String name;
  private final JsonObject schema;
  private final Validator validator;

  private BodySchema(String name, JsonObject schema) {
    this.name = name;
    this.schema = schema;
    this.validator = Validator.create(JsonSchema.of(schema), OpenApiSchemas.options());
  }

  /** The schema {@code #/components/schemas/<component>} of {@code document}, compiled. */
  public static BodySchema of(JsonObject document, String component) {
    JsonObject node = OpenApiSchemas.resolve(document, "#/components/schemas/" + component);
    return new BodySchema(component, OpenApiSchemas.requestSchema(document, node));
  }

  /** The problems of {@code body} by field, in the order the validator found them. */
  public Map<String, Problem> problems(JsonObject body) {
    JsonObject sent = withoutNulls(body);
    OutputUnit result;
    // The compiled validator is shared by every event loop; validating takes microseconds.
    synchronized (validator) {
      result = validator.validate(sent);
    }
    Map<String, Problem> problems = new LinkedHashMap<>();
    if (Boolean.TRUE.equals(result.getValid()) || result.getErrors() == null) {
      return problems;
    }
    for (OutputUnit unit : result.getErrors()) {
      String location = unit.getKeywordLocation();
      String keyword = location.substring(location.lastIndexOf('/') + 1);
      Place place = place(sent, unit.getInstanceLocation());
      if (place == null) {
        continue;
      }
      switch (keyword) {
        case "additionalProperties" -> {
          Place parent = place.parent();
          if (parent != null && !parent.schema().getJsonObject("properties", new JsonObject()).containsKey(place.key())) {
            problems.putIfAbsent(place.field(), new Problem(Kind.UNKNOWN, "is not allowed", place.schema()));
          }
        }
        case "required" -> {
          if (place.value() instanceof JsonObject object) {
            for (Object required : place.schema().getJsonArray("required", new JsonArray())) {
              if (!object.containsKey((String) required)) {
                problems.putIfAbsent(place.child((String) required), new Problem(Kind.REQUIRED, "is required",
                    place.schema()));
              }
            }
          }
        }
        case "type", "enum" -> problems.putIfAbsent(place.field(), new Problem(Kind.WRONG_VALUE, null, place.schema()));
        case "minimum", "maximum" -> outOfBounds(problems, place, rangeMessage(place.schema()));
        case "minItems", "maxItems" -> outOfBounds(problems, place, sizeMessage(place.schema(), "entries"));
        case "not" -> outOfBounds(problems, place, notMessage(place.schema()));
        default -> {
          // A keyword that holds others (properties, items, anyOf): its own units say what is wrong.
        }
      }
    }
    return problems;
  }

  private static void outOfBounds(Map<String, Problem> problems, Place place, String message) {
    problems.putIfAbsent(place.field(), new Problem(Kind.OUT_OF_BOUNDS, message, place.schema()));
  }

  @Override
  public String toString() {
    return name;
  }

  /** "must be between 1 and 999", or "must be at least 0" without an upper bound of its own. */
  public static String rangeMessage(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return "must be at least " + min;
    }
    return "must be between " + min + " and " + max;
  }

  private static String rangeMessage(JsonObject schema) {
    return rangeMessage(schema.getLong("minimum", Long.MIN_VALUE), schema.getLong("maximum", Long.MAX_VALUE));
  }

  /** "must have at most 20 entries", "must have 1 to 100 lines": the sizes {@code schema} allows an array. */
  public static String sizeMessage(JsonObject schema, String entries) {
    Integer min = schema.getInteger("minItems");
    Integer max = schema.getInteger("maxItems");
    if (min != null && max != null) {
      return "must have " + min + " to " + max + " " + entries;
    }
    return max != null ? "must have at most " + max + " " + entries : "must have at least " + min + " " + entries;
  }

  private static String notMessage(JsonObject schema) {
    JsonArray values = schema.getJsonObject("not", new JsonObject()).getJsonArray("enum", new JsonArray());
    return "must not be " + values.stream().map(v -> Integer.valueOf(0).equals(v) ? "zero" : String.valueOf(v))
        .collect(Collectors.joining(" or "));
  }

  /**
   * A place in the body: its field name as the contract's details write it, its key in its parent
   * (a property name or an index), its value and the schema that applies there.
   */
  private record Place(String field, String key, Object value, JsonObject schema, Place parent) {

    String child(String property) {
      return field.isEmpty() ? property : field + "." + property;
    }
  }

  /** The place a JSON pointer ({@code #/items/0/quantity}) names, or null where the schema says nothing. */
  private Place place(JsonObject body, String pointer) {
    Place place = new Place("", "", body, schema, null);
    String path = pointer == null ? "" : pointer.startsWith("#") ? pointer.substring(1) : pointer;
    if (path.isEmpty()) {
      return place;
    }
    for (String raw : path.substring(1).split("/", -1)) {
      String key = raw.replace("~1", "/").replace("~0", "~");
      if (place.value() instanceof JsonArray array) {
        int index = Integer.parseInt(key);
        JsonObject items = place.schema().getJsonObject("items", new JsonObject());
        place = new Place(place.field() + "[" + index + "]", key, array.getValue(index), items, place);
      } else if (place.value() instanceof JsonObject object) {
        Object properties = place.schema().getValue("properties");
        JsonObject property = properties instanceof JsonObject known ? known.getJsonObject(key) : null;
        place = new Place(place.child(key), key, object.getValue(key), property == null ? new JsonObject() : property,
            place);
      } else {
        return null;
      }
    }
    return place;
  }

  /** {@code body} without its null fields, at any depth: a service reads a null field as an absent one. */
  private static JsonObject withoutNulls(JsonObject body) {
    JsonObject copy = new JsonObject();
    body.forEach(entry -> {
      if (entry.getValue() != null) {
        copy.put(entry.getKey(), withoutNulls(entry.getValue()));
      }
    });
    return copy;
  }

  private static Object withoutNulls(Object value) {
    if (value instanceof JsonObject object) {
      return withoutNulls(object);
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return value;
  }
}
