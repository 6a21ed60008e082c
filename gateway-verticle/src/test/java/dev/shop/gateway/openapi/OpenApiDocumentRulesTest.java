package dev.shop.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The rules of the linters' recommended sets (gateway-verticle/.spectral.yaml, redocly.yaml) that
 * matter for the contract, held without a network: CI has no guaranteed npm registry.
 */
class OpenApiDocumentRulesTest {

  private final OpenApiDocument contract = OpenApiDocument.load();
  private final JsonObject document = contract.json();

  @Test
  void everyOperationDocumentsAtLeastOneClientError() {
    List<String> without = new ArrayList<>();
    for (OpenApiDocument.Operation operation : operations()) {
      if (operation.spec().getJsonObject("responses").fieldNames().stream().noneMatch(status -> status.startsWith("4"))) {
        without.add(operation.method() + " " + operation.template());
      }
    }
    assertThat(without).as("operations without a 4xx answer").isEmpty();
  }

  @Test
  void everyComponentIsUsed() {
    Set<String> referenced = new HashSet<>();
    walk(document, (key, value) -> {
      if (key.equals("$ref") && value instanceof String ref) {
        referenced.add(ref);
      }
    });
    List<String> unused = new ArrayList<>();
    JsonObject components = document.getJsonObject("components");
    for (String kind : components.fieldNames()) {
      if (kind.equals("securitySchemes")) {
        continue;
      }
      for (String name : components.getJsonObject(kind).fieldNames()) {
        String ref = "#/components/" + kind + "/" + name;
        if (!referenced.contains(ref)) {
          unused.add(ref);
        }
      }
    }
    assertThat(unused).as("components nothing refers to").isEmpty();
    Set<String> schemes = new HashSet<>();
    JsonArray global = document.getJsonArray("security", new JsonArray());
    global.forEach(requirement -> schemes.addAll(((JsonObject) requirement).fieldNames()));
    operations().forEach(operation -> operation.spec().getJsonArray("security", new JsonArray())
        .forEach(requirement -> schemes.addAll(((JsonObject) requirement).fieldNames())));
    assertThat(schemes).as("security schemes in use")
        .containsExactlyInAnyOrderElementsOf(components.getJsonObject("securitySchemes").fieldNames());
  }

  /** In OpenAPI 3.0.3 {@code nullable} means nothing without a {@code type} beside it. */
  @Test
  void nullableAlwaysHasAType() {
    List<String> typeless = new ArrayList<>();
    walkObjects(document, "#", (pointer, object) -> {
      if (Boolean.TRUE.equals(object.getValue("nullable")) && !object.containsKey("type")) {
        typeless.add(pointer);
      }
    });
    assertThat(typeless).as("schemas with nullable and no type").isEmpty();
  }

  /**
   * No two paths a request could match alike: never two that differ only in their parameters'
   * names, and where a literal segment of one stands against a parameter of the other (as
   * /users/email/{email} and /users/{id}/deactivate, fixed by the REST contract), no method of one
   * on the other, so that the route that answers never depends on the router's order.
   */
  @Test
  void noTwoPathsAreAmbiguous() {
    List<String> paths = new ArrayList<>(document.getJsonObject("paths").fieldNames());
    List<String> ambiguous = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      for (int j = i + 1; j < paths.size(); j++) {
        String one = paths.get(i);
        String other = paths.get(j);
        if (!overlap(one, other)) {
          continue;
        }
        if (shape(one).equals(shape(other))) {
          ambiguous.add(one + " and " + other + " differ only in parameter names");
        } else {
          Set<String> shared = new HashSet<>(document.getJsonObject("paths").getJsonObject(one).fieldNames());
          shared.retainAll(document.getJsonObject("paths").getJsonObject(other).fieldNames());
          shared.retainAll(Set.of("get", "put", "post", "delete", "patch"));
          if (!shared.isEmpty()) {
            ambiguous.add(one + " and " + other + " both answer " + shared);
          }
        }
      }
    }
    assertThat(ambiguous).isEmpty();
  }

  /** What Spectral's oas3-valid-schema-example checks: every schema's example is valid for it, nulls included. */
  @Test
  void everySchemasExampleIsValidForIt() {
    List<String> invalid = new ArrayList<>();
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    for (String name : schemas.fieldNames()) {
      JsonObject schema = schemas.getJsonObject(name);
      if (schema.containsKey("example")) {
        OutputUnit result = contract.validator(new JsonObject().put("$ref", "#/components/schemas/" + name))
            .validate(schema.getValue("example"));
        if (!result.getValid()) {
          invalid.add(name + ": " + OpenApiDocument.problems(result));
        }
      }
    }
    assertThat(invalid).isEmpty();
  }

  private static boolean overlap(String one, String other) {
    String[] a = one.split("/");
    String[] b = other.split("/");
    if (a.length != b.length) {
      return false;
    }
    for (int k = 0; k < a.length; k++) {
      if (!a[k].equals(b[k]) && !a[k].startsWith("{") && !b[k].startsWith("{")) {
        return false;
      }
    }
    return true;
  }

  private static String shape(String path) {
    return path.replaceAll("\\{[^}]+}", "{}");
  }

  private List<OpenApiDocument.Operation> operations() {
    List<OpenApiDocument.Operation> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        contract.operation(method.toUpperCase(java.util.Locale.ROOT), path).ifPresent(operations::add);
      }
    }
    assertThat(operations).hasSizeGreaterThan(50);
    return operations;
  }

  private static void walk(Object node, BiConsumer<String, Object> visit) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        visit.accept(entry.getKey(), entry.getValue());
        walk(entry.getValue(), visit);
      });
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> walk(item, visit));
    }
  }

  private static void walkObjects(Object node, String pointer, BiConsumer<String, JsonObject> visit) {
    if (node instanceof JsonObject object) {
      visit.accept(pointer, object);
      object.forEach(entry -> walkObjects(entry.getValue(), pointer + "/" + entry.getKey(), visit));
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        walkObjects(array.getValue(i), pointer + "/" + i, visit);
      }
    }
  }
}
