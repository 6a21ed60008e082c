package dev.shop.common.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import java.util.Set;

/**
 * The OpenAPI document's schemas as JSON Schema (draft 7), for a maintained validator
 * ({@code vertx-json-schema}). OpenAPI 3.0's schemas are JSON Schema but for {@code nullable},
 * which JSON Schema validators ignore, and {@code #/components/...} references, which mean
 * nothing outside the document. Two readings: an answer's (nullability kept, references made
 * absolute) and a request body's (standalone, with only the rules the services take from it).
 */
public final class OpenApiSchemas {

  /** Where the document's own references point once made absolute; never fetched. */
  public static final String BASE = "https://shop.example/openapi.json";
  /**
   * String rules the services apply themselves (see {@link JsonInput}): lengths after trimming and
   * in UTF-16 units (or in UTF-8 bytes for passwords), patterns after trimming, and the email, id
   * and URL rules, which JSON Schema's formats do not state the same way.
   */
  private static final Set<String> STRING_RULES = Set.of("minLength", "maxLength", "pattern", "format");

  private OpenApiSchemas() {
  }

  /** How the validator reads these schemas: draft 7, errors as a flat list of units. */
  public static JsonSchemaOptions options() {
    return new JsonSchemaOptions().setDraft(Draft.DRAFT7).setBaseUri(BASE).setOutputFormat(OutputFormat.Basic);
  }

  /**
   * {@code node} as an answer must be: references made absolute (so that any part of the document
   * stands alone once the document is in the validator's repository) and {@code nullable: true} as
   * {@code anyOf [null, the rest]}, so that a field not said to be nullable is never null.
   * {@code format: uri} is left out: the validator checks it with a regular expression that
   * recurses once per character and overflows the stack on the 2,048-character URLs the contract
   * allows.
   */
  public static Object answerSchema(Object node) {
    return translate(node, null);
  }

  /**
   * The schema {@code node} of {@code document} as the services check a request body against it:
   * references replaced by what they name (request bodies are not recursive), {@code nullable}
   * dropped because a service reads a null field as an absent one, and the string rules it applies
   * itself left out.
   */
  public static JsonObject requestSchema(JsonObject document, JsonObject node) {
    return (JsonObject) translate(node, document);
  }

  /** {@code inlineFrom} null: an answer's reading; else a request's, references resolved in it. */
  private static Object translate(Object node, JsonObject inlineFrom) {
    if (node instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(translate(item, inlineFrom)));
      return copy;
    }
    if (!(node instanceof JsonObject object)) {
      return node;
    }
    if (inlineFrom != null && object.getValue("$ref") instanceof String ref) {
      return translate(resolve(inlineFrom, ref), inlineFrom);
    }
    JsonObject copy = new JsonObject();
    object.forEach(entry -> {
      String key = entry.getKey();
      Object value = entry.getValue();
      if (key.equals("properties") && value instanceof JsonObject properties) {
        JsonObject translated = new JsonObject();
        properties.forEach(property -> translated.put(property.getKey(), translate(property.getValue(), inlineFrom)));
        copy.put(key, translated);
      } else if (inlineFrom != null ? !STRING_RULES.contains(key) && !key.equals("nullable")
          : !(key.equals("format") && "uri".equals(value))) {
        copy.put(key, key.equals("$ref") && value instanceof String ref && ref.startsWith("#/") ? BASE + ref
            : translate(value, inlineFrom));
      }
    });
    if (inlineFrom == null && Boolean.TRUE.equals(copy.remove("nullable"))) {
      return new JsonObject().put("anyOf", new JsonArray().add(new JsonObject().put("type", "null")).add(copy));
    }
    return copy;
  }

  /** What the local reference {@code ref} ({@code #/components/schemas/Name}) names in {@code document}. */
  static JsonObject resolve(JsonObject document, String ref) {
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target == null ? null : target.getJsonObject(part.replace("~1", "/").replace("~0", "~"));
    }
    if (target == null) {
      throw new IllegalArgumentException("The OpenAPI document has no " + ref);
    }
    return target;
  }
}
