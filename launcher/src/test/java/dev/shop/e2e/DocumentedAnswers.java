package dev.shop.e2e;

import dev.shop.gateway.openapi.OpenApiDocument;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Every answer the end-to-end suites get, held against the OpenAPI document: its status documented
 * for the operation (or by its {@code default}), its content type among those documented, and its
 * body valid for the documented schema, nullability included. An answer for no operation of the
 * document (an unknown route, a method a path does not have) must still be the {@code Error} shape
 * when it is an error. A mismatch fails the test with the operation, the status and what the
 * validator found.
 */
final class DocumentedAnswers {

  private static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
  private static final JsonObject ERROR = new JsonObject().put("$ref", "#/components/schemas/Error");
  /** A validator per schema, compiled once; a validator is used by one thread at a time. */
  private static final Map<JsonObject, Validator> VALIDATORS = new ConcurrentHashMap<>();

  private DocumentedAnswers() {
  }

  static void check(String method, String target, Http.Response response) {
    String path = target.split("\\?", 2)[0];
    Optional<OpenApiDocument.Operation> operation = DOCUMENT.operationFor(method, path);
    if (operation.isEmpty()) {
      if (response.status() >= 400 && !method.equals("HEAD")) {
        validate(method + " " + path + " (no operation)", response, ERROR);
      }
      return;
    }
    String name = method + " " + operation.get().template();
    JsonObject responses = operation.get().spec().getJsonObject("responses");
    JsonObject documented = responses.getJsonObject(Integer.toString(response.status()),
        responses.getJsonObject("default"));
    if (documented == null) {
      throw new AssertionError(name + " answered " + response.status() + ", which the OpenAPI document does not list: "
          + response);
    }
    JsonObject content = DOCUMENT.resolve(documented).getJsonObject("content");
    if (content == null) {
      return;
    }
    String mediaType = mediaType(response.header("Content-Type"));
    String key = content.fieldNames().stream().filter(type -> mediaType(type).equals(mediaType)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " answered " + response.status() + " as "
            + response.header("Content-Type") + ", not as the document's " + content.fieldNames()));
    JsonObject schema = content.getJsonObject(key).getJsonObject("schema");
    if (schema != null && mediaType.endsWith("json")) {
      validate(name + " " + response.status(), response, schema);
    }
  }

  private static void validate(String what, Http.Response response, JsonObject schema) {
    Object body;
    try {
      body = Json.decodeValue(new String(decoded(response), StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new AssertionError(what + ": the body is not JSON: " + response, e);
    }
    Validator validator = VALIDATORS.computeIfAbsent(schema, DOCUMENT::validator);
    OutputUnit result;
    synchronized (validator) {
      result = validator.validate(body);
    }
    if (!result.getValid()) {
      throw new AssertionError(what + " does not match the OpenAPI document: " + OpenApiDocument.problems(result)
          + "\n  body: " + abbreviated(response.text()));
    }
  }

  private static byte[] decoded(Http.Response response) {
    if (!"gzip".equalsIgnoreCase(response.header("Content-Encoding"))) {
      return response.bytes();
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.bytes()))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static String abbreviated(String text) {
    return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
  }
}
