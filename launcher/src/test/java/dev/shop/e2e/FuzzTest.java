package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on every route of the OpenAPI document, as an administrator (so every request
 * gets past the role checks to the input's checks): malformed and hostile path and query values,
 * and bodies with wrong types, missing and extra fields, huge and negative numbers, long strings,
 * control and unicode characters, SQL and JSON injection, deep nesting, invalid UTF-8, bodies over
 * the limit, non-objects and wrong content types. No answer may be a 5xx; every error is the
 * contract's JSON; the platform is healthy afterwards. Prints what it tried per route.
 */
class FuzzTest extends ApiTest {

  private static final List<String> HOSTILE_STRINGS = List.of("", " ", "-1", "0", "99999999999999999999999",
      "1e309", "NaN", "null", "true", "[]", "{}", "' OR '1'='1' --", "\"; DROP TABLE products; --",
      "{\"$gt\": \"\"}", "../../etc/passwd", "%00", "\u0000", "\u202eevil", "\u0007\u001b[31m", "😀🛒", "Điện thoại",
      "<script>alert(1)</script>", "x".repeat(10_000), UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000");
  private static final List<Object> HOSTILE_VALUES = List.of(-1, 0, Long.MAX_VALUE, Long.MIN_VALUE,
      new java.math.BigDecimal("1e400"), 1.5, "", "x".repeat(100_000), "\u0000", "' OR 1=1 --", true, false,
      new JsonArray().add(1).add("a"), new JsonObject().put("$ne", 1), "😀", UUID.randomUUID().toString());

  @Override
  protected BusKind bus() {
    return BusKind.LOCAL;
  }

  @Test
  void noInputMakesAnyRouteAnswer5xxOrAnythingButTheErrorShape() {
    String admin = admin().accessToken();
    JsonObject document = http.get("/openapi.json", null).json();
    JsonObject paths = document.getJsonObject("paths");
    Map<String, int[]> figures = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : item.fieldNames()) {
        if (!List.of("get", "put", "post", "delete").contains(method)) {
          continue;
        }
        JsonObject operation = item.getJsonObject(method);
        String verb = method.toUpperCase();
        int[] counts = figures.computeIfAbsent(verb + " " + template, key -> new int[4]);
        for (Attempt attempt : attempts(document, template, operation)) {
          Http.Response answer;
          try {
            answer = http.sendBytes(verb, attempt.path(), attempt.body(), admin, attempt.headers());
          } catch (RuntimeException hang) {
            failures.add(verb + " " + attempt + ": no answer (" + hang.getMessage() + ")");
            counts[3]++;
            continue;
          }
          counts[0]++;
          if (answer.status() >= 500) {
            counts[2]++;
            failures.add(verb + " " + attempt + ": " + answer);
          } else if (answer.status() >= 400) {
            counts[1]++;
            if (!isErrorShape(answer)) {
              failures.add(verb + " " + attempt + ": not the error shape: " + answer);
            }
          }
        }
      }
    }
    StringBuilder table = new StringBuilder(String.format("%-40s %6s %6s %5s %6s%n", "route", "inputs", "4xx", "5xx",
        "hangs"));
    int total = 0;
    int serverErrors = 0;
    for (Map.Entry<String, int[]> route : figures.entrySet()) {
      int[] c = route.getValue();
      table.append(String.format("%-40s %6d %6d %5d %6d%n", route.getKey(), c[0] + c[3], c[1], c[2], c[3]));
      total += c[0] + c[3];
      serverErrors += c[2];
    }
    System.out.println("Fuzzing: " + total + " hostile requests on " + figures.size() + " operations, " + serverErrors
        + " answered 5xx\n" + table);
    assertThat(failures).as("5xx, hangs and errors not in the contract's shape").isEmpty();
    assertThat(http.get("/health", null).status()).as("the platform is healthy afterwards").isEqualTo(200);
  }

  /** One hostile request: its path (with query), body bytes and headers, and what it tries. */
  record Attempt(String what, String path, byte[] body, Map<String, String> headers) {
    @Override
    public String toString() {
      return path.length() > 120 ? path.substring(0, 120) + "… (" + what + ")" : path + " (" + what + ")";
    }
  }

  private List<Attempt> attempts(JsonObject document, String template, JsonObject operation) {
    List<Attempt> attempts = new ArrayList<>();
    List<JsonObject> parameters = parameters(document, operation);
    String basePath = fill(template, parameters, null, null);
    String baseQuery = "";
    // Path parameters, each hostile in turn.
    for (JsonObject parameter : parameters) {
      if (!"path".equals(parameter.getString("in"))) {
        continue;
      }
      for (String value : HOSTILE_STRINGS) {
        attempts.add(new Attempt("path " + parameter.getString("name"), fill(template, parameters,
            parameter.getString("name"), value), null, Map.of()));
      }
    }
    // Query parameters, each hostile in turn; and repeated, and unknown.
    for (JsonObject parameter : parameters) {
      if (!"query".equals(parameter.getString("in"))) {
        continue;
      }
      for (String value : HOSTILE_STRINGS) {
        attempts.add(new Attempt("query " + parameter.getString("name"), basePath + "?" + parameter.getString("name")
            + "=" + encode(value), null, Map.of()));
      }
      attempts.add(new Attempt("query repeated", basePath + "?" + parameter.getString("name") + "=1&"
          + parameter.getString("name") + "=2", null, Map.of()));
    }
    attempts.add(new Attempt("query unknown", basePath + "?" + encode("'<x>") + "=" + encode("\u0000"), null, Map.of()));
    // Bodies.
    JsonObject schema = bodySchema(document, operation);
    if (schema != null) {
      JsonObject base = example(document, schema, 0);
      for (String field : base.fieldNames()) {
        for (Object value : HOSTILE_VALUES) {
          attempts.add(body("field " + field, basePath, base.copy().put(field, value)));
        }
        JsonObject missing = base.copy();
        missing.remove(field);
        attempts.add(body("missing " + field, basePath, missing));
      }
      attempts.add(body("extra field", basePath, base.copy().put("unexpected", "x").put("__proto__", new JsonObject())));
      attempts.add(bytes("deep nesting", basePath, ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(), Map.of()));
      attempts.add(bytes("deep object", basePath, ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(),
          Map.of()));
      attempts.add(bytes("invalid UTF-8", basePath, new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
          (byte) 0xFF, '"', '}'}, Map.of()));
      attempts.add(bytes("malformed JSON", basePath, "{\"a\": ".getBytes(), Map.of()));
      attempts.add(bytes("not an object", basePath, "[1,2,3]".getBytes(), Map.of()));
      attempts.add(bytes("a JSON string", basePath, "\"text\"".getBytes(), Map.of()));
      attempts.add(bytes("JSON null", basePath, "null".getBytes(), Map.of()));
      attempts.add(bytes("empty body", basePath, new byte[0], Map.of()));
      attempts.add(bytes("over the limit", basePath, ("{\"a\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(),
          Map.of()));
      attempts.add(bytes("text/plain", basePath, base.encode().getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", "text/plain")));
      attempts.add(bytes("xml", basePath, "<order><id>1</id></order>".getBytes(), Map.of("Content-Type",
          "application/xml")));
      attempts.add(bytes("duplicate keys", basePath, "{\"a\":1,\"a\":2}".getBytes(), Map.of()));
    } else if (!operation.containsKey("requestBody") && !"/metrics".equals(template)) {
      attempts.add(bytes("unexpected body", basePath, "{\"x\":1}".getBytes(), Map.of()));
    }
    return attempts;
  }

  private static Attempt body(String what, String path, JsonObject body) {
    return new Attempt(what, path, body.encode().getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static Attempt bytes(String what, String path, byte[] body, Map<String, String> headers) {
    return new Attempt(what, path, body, headers);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The template with every path parameter filled: a random UUID, or {@code value} for {@code name}. */
  private static String fill(String template, List<JsonObject> parameters, String name, String value) {
    String path = template;
    for (JsonObject parameter : parameters) {
      if ("path".equals(parameter.getString("in"))) {
        String filled = parameter.getString("name").equals(name) ? encode(value).replace("+", "%20")
            : parameter.getString("name").equals("email") ? "nobody@example.com"
            : UUID.randomUUID().toString();
        path = path.replace("{" + parameter.getString("name") + "}", filled);
      }
    }
    return path;
  }

  private static List<JsonObject> parameters(JsonObject document, JsonObject operation) {
    List<JsonObject> parameters = new ArrayList<>();
    JsonArray declared = operation.getJsonArray("parameters", new JsonArray());
    for (int i = 0; i < declared.size(); i++) {
      parameters.add(resolve(document, declared.getJsonObject(i)));
    }
    return parameters;
  }

  private static JsonObject bodySchema(JsonObject document, JsonObject operation) {
    JsonObject body = operation.getJsonObject("requestBody");
    if (body == null) {
      return null;
    }
    JsonObject content = resolve(document, body).getJsonObject("content");
    JsonObject json = content == null ? null : content.getJsonObject("application/json");
    return json == null ? null : resolve(document, json.getJsonObject("schema"));
  }

  /** A plausible object for a schema: each property with a value of its type. */
  private static JsonObject example(JsonObject document, JsonObject schema, int depth) {
    JsonObject object = new JsonObject();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      JsonObject property = resolve(document, properties.getJsonObject(name));
      object.put(name, value(document, property, depth));
    }
    return object;
  }

  private static Object value(JsonObject document, JsonObject property, int depth) {
    if (property.containsKey("example")) {
      return property.getValue("example");
    }
    if (property.containsKey("enum")) {
      return property.getJsonArray("enum").getValue(0);
    }
    String type = property.getString("type", "string");
    return switch (type) {
      case "integer", "number" -> property.getValue("minimum", 1);
      case "boolean" -> true;
      case "array" -> new JsonArray();
      case "object" -> depth > 2 ? new JsonObject() : example(document, property, depth + 1);
      default -> "uuid".equals(property.getString("format")) ? UUID.randomUUID().toString() : "fuzz";
    };
  }

  /** Follows a {@code $ref} (and the first schema of an {@code allOf}) to what it names. */
  private static JsonObject resolve(JsonObject document, JsonObject node) {
    JsonObject current = node;
    for (int hops = 0; hops < 10 && current != null; hops++) {
      if (current.containsKey("$ref")) {
        JsonObject target = document;
        for (String part : current.getString("$ref").substring(2).split("/")) {
          target = target.getJsonObject(part);
        }
        current = target;
      } else if (current.containsKey("allOf") && !current.containsKey("properties")) {
        current = current.getJsonArray("allOf").getJsonObject(0);
      } else {
        return current;
      }
    }
    return current;
  }

  private static boolean isErrorShape(Http.Response answer) {
    try {
      JsonObject error = answer.json();
      return error.getInteger("statusCode") == answer.status() && error.getString("error") != null
          && error.getString("message") != null && error.getString("path") != null
          && error.getString("timestamp") != null && error.getJsonArray("details") != null;
    } catch (RuntimeException notJson) {
      return false;
    }
  }
}
