package dev.shop.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class BodySchemaTest {

  /** A document shaped like the contract's: a body with a nested, referenced entry schema. */
  private static final JsonObject DOCUMENT = new JsonObject("""
      {"components": {"schemas": {
        "Line": {"type": "object", "required": ["productId", "quantity"], "additionalProperties": false,
          "properties": {"productId": {"type": "string", "format": "uuid"},
                         "quantity": {"type": "integer", "minimum": 1, "maximum": 999}}},
        "Order": {"type": "object", "required": ["name"], "additionalProperties": false,
          "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 3},
                         "addressId": {"type": "string", "format": "uuid", "nullable": true},
                         "stock": {"type": "integer", "minimum": 0, "maximum": 2147483647},
                         "delta": {"type": "integer", "not": {"enum": [0]}},
                         "status": {"$ref": "#/components/schemas/Status"},
                         "tags": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
                         "items": {"type": "array", "minItems": 1, "maxItems": 100,
                                   "items": {"$ref": "#/components/schemas/Line"}}}},
        "Status": {"type": "string", "enum": ["OPEN", "DONE"]}}}}
      """);
  private static final BodySchema ORDER = BodySchema.of(DOCUMENT, "Order");

  @Test
  void aValidBodyHasNoProblemAndANullFieldCountsAsAbsent() {
    assertThat(ORDER.problems(new JsonObject().put("name", "abc").putNull("addressId").putNull("stock"))).isEmpty();
    assertThat(ORDER.problems(new JsonObject().putNull("name"))).containsOnlyKeys("name");
  }

  @Test
  void stringRulesAreLeftToTheReaders() {
    // "  ab  " is 6 characters as sent, 2 once trimmed: the reader's count is the one that holds.
    assertThat(ORDER.problems(new JsonObject().put("name", "  ab  ").put("addressId", "not-an-id"))).isEmpty();
  }

  @Test
  void problemsAreNamedAsTheDetailsNameThemAndWordedAsBefore() {
    JsonObject body = new JsonObject().put("zz", 1).put("stock", -1).put("delta", 0).put("status", "LOST")
        .put("tags", new JsonArray().add("a").add("b").add("c"))
        .put("items", new JsonArray().add(new JsonObject().put("quantity", 1000).put("note", "x")).add(3));
    var problems = ORDER.problems(body);
    assertThat(problems.get("zz")).isEqualTo(new BodySchema.Problem(BodySchema.Kind.UNKNOWN, "is not allowed",
        problems.get("zz").schema()));
    assertThat(problems.get("name").message()).isEqualTo("is required");
    assertThat(problems.get("stock").message()).isEqualTo("must be at least 0");
    assertThat(problems.get("delta").message()).isEqualTo("must not be zero");
    assertThat(problems.get("status").kind()).isEqualTo(BodySchema.Kind.WRONG_VALUE);
    assertThat(problems.get("tags").message()).isEqualTo("must have at most 2 entries");
    assertThat(problems.get("items[0].quantity").message()).isEqualTo("must be between 1 and 999");
    assertThat(problems.get("items[0].productId").kind()).isEqualTo(BodySchema.Kind.REQUIRED);
    assertThat(problems.get("items[0].note").kind()).isEqualTo(BodySchema.Kind.UNKNOWN);
    assertThat(problems.get("items[1]").kind()).isEqualTo(BodySchema.Kind.WRONG_VALUE);
  }

  @Test
  void jsonInputReportsUnknownFieldsFirstThenEachFieldAsItsReaderReadsIt() {
    JsonObject body = new JsonObject().put("zz", 1).put("aa", 2).put("status", 5).put("addressId", 42)
        .put("stock", "many").put("delta", 0);
    JsonInput input = JsonInput.body(body, ORDER);
    input.requiredString("name", 1, 3);
    input.optionalId("addressId");
    input.optionalEnum("status", Status.class);
    input.optionalInt("stock");
    input.requiredInt("delta");
    assertThatThrownBy(input::validate).isInstanceOfSatisfying(ShopException.class, e -> assertThat(e.details())
        .containsExactly(new FieldError("aa", "is not allowed"), new FieldError("zz", "is not allowed"),
            new FieldError("name", "is required"), new FieldError("addressId", "must be an id"),
            new FieldError("status", "must be one of OPEN, DONE"), new FieldError("stock", "must be an integer"),
            new FieldError("delta", "must not be zero")));
  }

  @Test
  void aFieldTheHandlerDoesNotReadIsNotReported() {
    JsonInput input = JsonInput.body(new JsonObject().put("name", "a").put("addressId", 42), ORDER);
    input.requiredString("name", 1, 3);
    input.validate();
  }

  @Test
  void entriesAreReadAsPartsOfTheBody() {
    JsonObject line = new JsonObject().put("quantity", 0).put("note", "x");
    JsonInput input = JsonInput.body(new JsonObject().put("name", "a").put("items", new JsonArray().add(line)), ORDER);
    input.requiredString("name", 1, 3);
    JsonInput entry = input.part("items[0]", input.optionalArray("items", "lines").getJsonObject(0));
    entry.requiredString("productId", 1, 64);
    entry.requiredInt("quantity");
    input.include("items[0].", entry);
    assertThatThrownBy(input::validate).isInstanceOfSatisfying(ShopException.class, e -> assertThat(e.details())
        .containsExactly(new FieldError("items[0].note", "is not allowed"),
            new FieldError("items[0].productId", "is required"),
            new FieldError("items[0].quantity", "must be between 1 and 999")));
  }

  @Test
  void anArrayOfTheWrongSizeIsWordedByItsReader() {
    JsonInput input = JsonInput.body(new JsonObject().put("name", "a").put("items", new JsonArray()), ORDER);
    input.optionalArray("items", "lines");
    assertThatThrownBy(input::validate).isInstanceOfSatisfying(ShopException.class, e -> assertThat(e.details())
        .containsExactly(new FieldError("items", "must have 1 to 100 lines")));
  }

  @Test
  void anInputWithoutASchemaKeepsItsReadersChecks() {
    JsonInput input = JsonInput.lenient(new JsonObject().put("n", 1.5).put("m", 1e20).put("s", 3));
    input.optionalLong("n", 0, 10);
    input.optionalLong("m", 0, Long.MAX_VALUE);
    input.optionalString("s", 1, 10);
    assertThatThrownBy(input::validate).isInstanceOfSatisfying(ShopException.class, e -> assertThat(e.details())
        .containsExactly(new FieldError("n", "must be an integer"), new FieldError("m", "must be an integer"),
            new FieldError("s", "must be a string")));
  }

  @Test
  void aNumberTooLargeToReadExactlyIsNotAnIntegerWhateverTheSchemasBounds() {
    JsonInput input = JsonInput.body(new JsonObject().put("name", "a").put("stock", 1e30), ORDER);
    input.optionalInt("stock");
    assertThatThrownBy(input::validate).isInstanceOfSatisfying(ShopException.class, e -> assertThat(e.details())
        .containsExactly(new FieldError("stock", "must be an integer")));
  }

  private enum Status {
    OPEN,
    DONE
  }
}
