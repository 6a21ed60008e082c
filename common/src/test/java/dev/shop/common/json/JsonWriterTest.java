package dev.shop.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void writesWhatEncodingTheJsonObjectWrites() {
    JsonObject value = new JsonObject().put("name", "Điện thoại \"x\"\n\\").put("none", (String) null)
        .put("list", new JsonArray().add(1).add(2.5).add(true).addNull()).put("nested", new JsonObject().put("k", -3L));
    assertThat(JsonWriter.write(json -> JsonWriter.value(json, value)).toString()).isEqualTo(value.encode());
  }

  @Test
  void anAnswerWrittenWhileAnotherIsBeingWrittenLeavesBothWhole() {
    Buffer outer = JsonWriter.write(json -> {
      json.writeStartObject();
      json.writeStringField("before", "a".repeat(10_000));
      Buffer inner = JsonWriter.write(nested -> JsonWriter.value(nested, new JsonObject().put("inner", "b".repeat(20_000))));
      json.writeFieldName("inner");
      json.writeRawValue(inner.toString());
      json.writeStringField("after", "c");
      json.writeEndObject();
    });
    JsonObject read = outer.toJsonObject();
    assertThat(read.getString("before")).hasSize(10_000);
    assertThat(read.getJsonObject("inner").getString("inner")).hasSize(20_000);
    assertThat(read.getString("after")).isEqualTo("c");
  }

  @Test
  void answersLargerThanAThreadKeepsAreWholeAndTheNextIsUnaffected() {
    String large = "x".repeat(3 * 1024 * 1024);
    assertThat(JsonWriter.write(json -> json.writeString(large)).length()).isEqualTo(large.length() + 2);
    assertThat(JsonWriter.write(json -> json.writeString("small")).toString()).isEqualTo("\"small\"");
  }
}
