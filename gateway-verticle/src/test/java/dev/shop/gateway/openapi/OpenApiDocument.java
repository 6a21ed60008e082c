package dev.shop.gateway.openapi;

import dev.shop.common.json.OpenApiSchemas;
import dev.shop.contract.RestContract;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The REST contract ({@link RestContract}) read once: its operations, and a JSON Schema validator
 * for any schema in it, read as an answer must be ({@link OpenApiSchemas#answerSchema}): a schema
 * that says {@code nullable: true} is "null, or what the rest of it says", so that a field not said
 * to be nullable must never be null.
 */
public final class OpenApiDocument {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private final JsonObject document;
  private final SchemaRepository schemas;
  private final List<Operation> operations;

  private OpenApiDocument(JsonObject document) {
    this.document = document;
    this.schemas = SchemaRepository.create(OpenApiSchemas.options());
    schemas.dereference(OpenApiSchemas.BASE, JsonSchema.of((JsonObject) OpenApiSchemas.answerSchema(document)));
    this.operations = operations(document);
  }

  /** The document as the gateway serves it, from its class path. */
  public static OpenApiDocument load() {
    return new OpenApiDocument(RestContract.document().copy());
  }

  /** The document as written (not to be changed). */
  public JsonObject json() {
    return document;
  }

  /** An operation: its method (upper case), its path template ({@code /products/{id}}) and its object. */
  public record Operation(String method, String template, JsonObject spec, Pattern pattern, int literalSegments) {

    /** Its request body's JSON schema, if it takes a JSON body. */
    public Optional<JsonObject> requestSchema(OpenApiDocument document) {
      JsonObject body = spec.getJsonObject("requestBody");
      if (body == null) {
        return Optional.empty();
      }
      JsonObject content = document.resolve(body).getJsonObject("content", new JsonObject());
      JsonObject json = content.getJsonObject("application/json");
      return Optional.ofNullable(json == null ? null : json.getJsonObject("schema"));
    }
  }

  /** The operation {@code method} on {@code template} ({@code /products/{id}}), as written. */
  public Optional<Operation> operation(String method, String template) {
    return operations.stream().filter(op -> op.method().equals(method) && op.template().equals(template)).findFirst();
  }

  /** The operation a request for {@code path} (no query) answers; a literal segment wins over a parameter. */
  public Optional<Operation> operationFor(String method, String path) {
    return operations.stream().filter(op -> op.method().equals(method) && op.pattern().matcher(path).matches())
        .max(Comparator.comparingInt(Operation::literalSegments));
  }

  /** {@code node}, or what its {@code $ref} names in this document. */
  public JsonObject resolve(JsonObject node) {
    JsonObject current = node;
    while (current != null && current.containsKey("$ref")) {
      JsonObject target = document;
      for (String part : current.getString("$ref").substring(2).split("/")) {
        target = target.getJsonObject(part.replace("~1", "/").replace("~0", "~"));
      }
      current = target;
    }
    return current;
  }

  /** A validator of the schema {@code schema}, a part of this document; compile once, use often. */
  public Validator validator(JsonObject schema) {
    return schemas.validator(JsonSchema.of((JsonObject) OpenApiSchemas.answerSchema(schema)));
  }

  /** The problems {@code result} lists, one line each: where in the value, and what. */
  public static List<String> problems(OutputUnit result) {
    List<String> problems = new ArrayList<>();
    List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result)
        : result.getErrors();
    for (OutputUnit error : errors) {
      problems.add((error.getInstanceLocation() == null || error.getInstanceLocation().isEmpty() ? "(the value)"
          : error.getInstanceLocation()) + ": " + error.getError());
    }
    return problems;
  }

  private static List<Operation> operations(JsonObject document) {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      String[] segments = template.substring(1).split("/");
      StringBuilder regex = new StringBuilder();
      int literals = 0;
      for (String segment : segments) {
        boolean parameter = segment.startsWith("{");
        regex.append('/').append(parameter ? "[^/]+" : Pattern.quote(segment));
        literals += parameter ? 0 : 1;
      }
      Pattern pattern = Pattern.compile(regex.toString());
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          operations.add(new Operation(method.toUpperCase(Locale.ROOT), template, item.getJsonObject(method), pattern,
              literals));
        }
      }
    }
    return List.copyOf(operations);
  }
}
