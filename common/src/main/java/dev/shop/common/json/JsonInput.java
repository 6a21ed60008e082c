package dev.shop.common.json;

import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads and validates a request body or query: collects every problem, then {@link #validate()}
 * throws one 400 with a {@code details} entry per field. Query values arrive as strings, so the
 * {@code *Param} readers parse them.
 *
 * <p>A request body the REST contract describes is read {@linkplain #body(JsonObject, BodySchema)
 * against its schema} in the OpenAPI document: the schema says which fields exist (an unknown one
 * "is not allowed", reported first as before), which are required, their types, enums, number
 * bounds and array sizes; each reader reports what the schema found wrong with its field, in the
 * reader's words and in the order the handler reads the fields, as before. A field the handler does
 * not read (a cart's {@code sessionId} when a user calls, an order id a service answers 404 for
 * however malformed) is not reported. What the readers still check by hand, and why:
 * <ul>
 *   <li>string lengths: counted after trimming and in UTF-16 units, where JSON Schema counts the
 *       code points of the value as sent ({@code "  a  "} fits in 3 characters here);
 *   <li>passwords: kept as sent and measured in UTF-8 bytes (bcrypt reads at most 72);
 *   <li>patterns (phone, SKU, slug), checked after trimming;
 *   <li>emails, ids and http(s) URLs: the services' rules, not JSON Schema's formats (which differ,
 *       and whose URI check overflows the stack on the 2,048-character URLs the contract allows);
 *   <li>what no schema states: a field an update cannot clear sent as null, a JSON object's encoded
 *       size, a number sent as a decimal too large to read exactly;
 *   <li>types, ranges and unknown fields of queries and internal payloads, which have no body schema.
 * </ul>
 */
public final class JsonInput {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final JsonObject json;
  private final List<FieldError> errors;
  /** Put before the names of reported fields: empty for a body, {@code items[2].} for an entry of one. */
  private final String prefix;
  /** What the body's schema found wrong, by field (none without a schema); a reader takes its field's problem out. */
  private final Map<String, BodySchema.Problem> problems;
  /** Where this input's fields are in {@link #problems}: empty for a body, {@code items[2].} for a part of one. */
  private final String at;

  private JsonInput(JsonObject json, List<FieldError> errors, String prefix, Map<String, BodySchema.Problem> problems,
      String at) {
    this.json = json;
    this.errors = errors;
    this.prefix = prefix;
    this.problems = problems;
    this.at = at;
  }

  /** A request body of the REST contract, checked against {@code schema}; its unknown fields are reported. */
  public static JsonInput body(JsonObject json, BodySchema schema) {
    return new JsonInput(json, new ArrayList<>(), "", schema.problems(json), "").reportUnknown();
  }

  /** An internal payload whose fields must all be among {@code allowed}; others are reported. */
  public static JsonInput body(JsonObject json, String... allowed) {
    return new JsonInput(json, new ArrayList<>(), "", Map.of(), "").rejectUnknown(allowed);
  }

  /** A query or an internal payload: unknown fields are ignored. */
  public static JsonInput lenient(JsonObject json) {
    return new JsonInput(json, new ArrayList<>(), "", Map.of(), "");
  }

  /**
   * {@code part}, the object at {@code field} of this body ({@code payload}, {@code items[2]}), read
   * like a body: its schema's problems are the ones this body's schema found there, its unknown
   * fields are reported now, and the rest when {@link #include included}.
   */
  public JsonInput part(String field, JsonObject part) {
    return new JsonInput(part, new ArrayList<>(), "", problems, at + field + ".").reportUnknown();
  }

  private JsonInput reportUnknown() {
    new TreeMap<>(problems).forEach((field, problem) -> {
      String name = field.startsWith(at) ? field.substring(at.length()) : null;
      if (problem.kind() == BodySchema.Kind.UNKNOWN && name != null && name.indexOf('.') < 0 && name.indexOf('[') < 0) {
        problems.remove(field);
        error(name, problem.message());
      }
    });
    return this;
  }

  private JsonInput rejectUnknown(String... allowed) {
    Set<String> known = Set.of(allowed);
    json.fieldNames().stream().sorted().filter(f -> !known.contains(f)).forEach(f -> error(f, "is not allowed"));
    return this;
  }

  /**
   * Reports what the schema found wrong with {@code field}, a wrong value in {@code wrongValue}'s
   * words; a missing field only when {@code required} (an optional reader lets it be absent). True
   * when something was reported.
   */
  private boolean reportedBySchema(String field, String wrongValue, boolean required) {
    BodySchema.Problem problem = problems.get(at + field);
    if (problem == null || problem.kind() == BodySchema.Kind.REQUIRED && !required) {
      return false;
    }
    problems.remove(at + field);
    error(field, problem.kind() == BodySchema.Kind.WRONG_VALUE ? wrongValue : problem.message());
    return true;
  }

  /** Drops what the schema found wrong with {@code field}, which a reader has reported its own way. */
  private void forget(String field) {
    if (problems.containsKey(at + field)) {
      problems.remove(at + field);
    }
  }

  public boolean has(String field) {
    return json.containsKey(field);
  }

  /**
   * Reports {@code field} as required when it is absent; a null, or a value the service answers
   * for itself (an id that is not one is 404), is let through.
   */
  public void present(String field) {
    if (!json.containsKey(field) && !reportedBySchema(field, null, true)) {
      error(field, "is required");
    }
  }

  public void error(String field, String message) {
    errors.add(new FieldError(prefix + field, message));
  }

  public void check(boolean valid, String field, String message) {
    if (!valid) {
      error(field, message);
    }
  }

  /** Reports the problems of {@code nested}, a part of this input, under {@code prefix} (e.g. {@code items[0].}). */
  public void include(String prefix, JsonInput nested) {
    nested.errors.forEach(e -> errors.add(new FieldError(prefix + e.field(), e.message())));
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  public void validate() {
    if (!errors.isEmpty()) {
      throw ShopException.invalid(errors);
    }
  }

  // ---- strings ----

  public String requiredString(String field, int minLength, int maxLength) {
    if (reportedBySchema(field, "must be a string", true)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      error(field, "is required");
      return null;
    }
    return lengthChecked(field, value, minLength, maxLength);
  }

  /** Absent or null gives null. */
  public String optionalString(String field, int minLength, int maxLength) {
    if (reportedBySchema(field, "must be a string", false)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    return lengthChecked(field, value, minLength, maxLength);
  }

  private String lengthChecked(String field, Object value, int minLength, int maxLength) {
    if (!(value instanceof String string)) {
      error(field, "must be a string");
      return null;
    }
    String trimmed = string.trim();
    if (trimmed.length() < minLength) {
      error(field, minLength <= 1 ? "must not be empty" : "must be at least " + minLength + " characters");
      return null;
    }
    if (trimmed.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return trimmed;
  }

  /** A string kept exactly as sent (passwords), its length counted in UTF-8 bytes. */
  public String requiredSecret(String field, int minBytes, int maxBytes) {
    if (reportedBySchema(field, "must be a string", true)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      error(field, "is required");
      return null;
    }
    if (!(value instanceof String string)) {
      error(field, "must be a string");
      return null;
    }
    int bytes = string.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < minBytes || bytes > maxBytes) {
      error(field, "must be between " + minBytes + " and " + maxBytes + " bytes");
      return null;
    }
    return string;
  }

  /** A trimmed, lower-cased email address. */
  public String requiredEmail(String field) {
    String value = requiredString(field, 3, 254);
    if (value == null) {
      return null;
    }
    if (!EMAIL.matcher(value).matches()) {
      error(field, "must be an email address");
      return null;
    }
    return value.toLowerCase();
  }

  /** Free text such as a description, trimmed: absent, null or blank gives null. */
  public String optionalText(String field, int maxLength) {
    String value = optionalString(field, 0, maxLength);
    return value == null || value.isEmpty() ? null : value;
  }

  /** A reference to another record by its id; absent or null gives null. */
  public UUID optionalId(String field) {
    if (reportedBySchema(field, "must be an id", false)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    UUID id = Ids.parse(value).orElse(null);
    check(id != null, field, "must be an id");
    return id;
  }

  /** Reports each of {@code fields} that was sent as an explicit null (fields an update cannot clear). */
  public void rejectNull(String... fields) {
    for (String field : fields) {
      check(!json.containsKey(field) || json.getValue(field) != null, field, "must not be null");
    }
  }

  public String optionalHttpUrl(String field, int maxLength) {
    String value = optionalString(field, 1, maxLength);
    if (value != null && !isHttpUrl(value)) {
      error(field, "must be an http or https URL");
      return null;
    }
    return value;
  }

  public static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
    List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    if (reportedBySchema(field, "must be one of " + String.join(", ", names), false)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String string) {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equals(string)) {
          return constant;
        }
      }
    }
    error(field, "must be one of " + String.join(", ", names));
    return null;
  }

  // ---- numbers and booleans in bodies ----

  public Long requiredLong(String field, long min, long max) {
    if (json.getValue(field) == null) {
      if (!reportedBySchema(field, "must be an integer", true)) {
        error(field, "is required");
      }
      return null;
    }
    return optionalLong(field, min, max);
  }

  public Long optionalLong(String field, long min, long max) {
    Object value = json.getValue(field);
    if (value instanceof Number n && !(value instanceof Integer || value instanceof Long)
        && !(n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 9.0e15)) {
      // A fraction, or a number too large to read exactly: not an integer here, whatever its bounds.
      forget(field);
      error(field, "must be an integer");
      return null;
    }
    if (reportedBySchema(field, "must be an integer", false) || value == null) {
      return null;
    }
    if (!(value instanceof Number number)) {
      error(field, "must be an integer");
      return null;
    }
    long exact = number.longValue();
    if (exact < min || exact > max) {
      error(field, rangeMessage(min, max));
      return null;
    }
    return exact;
  }

  /** A number of a body read against its schema, which bounds it. */
  public Long requiredLong(String field) {
    return requiredLong(field, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** A number of a body read against its schema, which bounds it; absent or null gives null. */
  public Long optionalLong(String field) {
    return optionalLong(field, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** A number of a body read against its schema, which bounds it within an int's. */
  public Integer requiredInt(String field) {
    return requiredInt(field, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** A number of a body read against its schema, which bounds it within an int's; absent or null gives null. */
  public Integer optionalInt(String field) {
    return optionalInt(field, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public Integer optionalInt(String field, int min, int max) {
    Long value = optionalLong(field, min, max);
    return value == null ? null : value.intValue();
  }

  public Integer requiredInt(String field, int min, int max) {
    Long value = requiredLong(field, min, max);
    return value == null ? null : value.intValue();
  }

  public Boolean optionalBoolean(String field) {
    if (reportedBySchema(field, "must be a boolean", false)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Boolean bool)) {
      error(field, "must be a boolean");
      return null;
    }
    return bool;
  }

  public JsonObject optionalObject(String field) {
    if (reportedBySchema(field, "must be an object", false)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject object)) {
      error(field, "must be an object");
      return null;
    }
    return object;
  }

  /** An array; one of a size the schema does not allow is reported and answered as null. */
  public JsonArray optionalArray(String field) {
    if (reportedBySchema(field, "must be an array", false)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      error(field, "must be an array");
      return null;
    }
    return array;
  }

  /**
   * An array whose entries are read whatever its size: a size the schema does not allow is reported
   * in the words of {@code entries} ("must have 1 to 100 lines") and the array still answered, so
   * that its entries' problems are reported too.
   */
  public JsonArray optionalArray(String field, String entries) {
    BodySchema.Problem problem = problems.get(at + field);
    if (problem != null && problem.kind() == BodySchema.Kind.OUT_OF_BOUNDS) {
      problems.remove(at + field);
      error(field, BodySchema.sizeMessage(problem.schema(), entries));
      return json.getJsonArray(field);
    }
    return optionalArray(field);
  }

  /**
   * A required array of objects (at most {@code maxSize}), each read like a body with the fields
   * {@code allowed}; what is wrong in an entry is reported here as {@code field[i].name}. Empty when
   * the array itself is missing or invalid (which is reported).
   */
  public List<JsonInput> requiredObjects(String field, int maxSize, String... allowed) {
    if (json.getValue(field) == null) {
      error(field, "is required");
      return List.of();
    }
    JsonArray array = optionalArray(field);
    if (array == null) {
      return List.of();
    }
    if (array.size() > maxSize) {
      error(field, "must have at most " + maxSize + " entries");
      return List.of();
    }
    List<JsonInput> entries = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String entry = field + "[" + i + "]";
      if (array.getValue(i) instanceof JsonObject object) {
        entries.add(new JsonInput(object, errors, prefix + entry + ".", problems, at).rejectUnknown(allowed));
      } else {
        error(entry, "must be an object");
      }
    }
    return entries;
  }

  // ---- query parameters (strings) ----

  /** A query integer; the default when absent, null when invalid (which is reported). */
  public Integer intParam(String field, int defaultValue, int min, int max) {
    if (!has(field)) {
      return defaultValue;
    }
    Long value = longParam(field, min, max);
    return value == null ? null : Integer.valueOf(value.intValue());
  }

  /** A query integer, or null when absent (or invalid, which is reported). */
  public Long longParam(String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    long number;
    try {
      number = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      error(field, "must be an integer");
      return null;
    }
    if (number < min || number > max) {
      error(field, rangeMessage(min, max));
      return null;
    }
    return number;
  }

  public Boolean boolParam(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value);
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    error(field, "must be true or false");
    return null;
  }

  /** A query string, trimmed; blank counts as absent. */
  public String stringParam(String field, int maxLength) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value).trim();
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  private static String rangeMessage(long min, long max) {
    return BodySchema.rangeMessage(min, max);
  }
}
