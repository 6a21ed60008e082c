package dev.shop.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageRequestTest {

  @Test
  void envelopeHoldsTheItemsInOrderAndThePageFigures() {
    JsonObject first = new JsonObject().put("id", "a").put("note", (String) null).put("tags", new JsonArray().add("x"));
    JsonObject second = new JsonObject().put("id", "b").put("price", 12.5).put("nested", new JsonObject().put("k", 1));
    String written = new PageRequest(2, 20).envelope("items", 41, List.of(first, second)).toString();

    assertThat(written).isEqualTo("{\"items\":[" + first.encode() + "," + second.encode() + "],"
        + "\"total\":41,\"page\":2,\"pageSize\":20,\"totalPages\":3}");
    assertThat(written).contains("\"note\":null");
  }

  @Test
  void anEmptyListHasNoPages() {
    assertThat(new PageRequest(1, 20).envelope("items", 0, List.of()).toJsonObject())
        .isEqualTo(new JsonObject().put("items", new JsonArray()).put("total", 0).put("page", 1).put("pageSize", 20)
            .put("totalPages", 0));
  }

  @Test
  void itemsWrittenAlreadyAreCopiedAsTheyAre() {
    Buffer items = Buffer.buffer("{\"id\":\"a\",\"name\":\"Đồng hồ\"},{\"id\":\"b\"}");
    JsonObject page = new PageRequest(3, 2).envelope("products", 5, items).toJsonObject();

    assertThat(page).isEqualTo(new JsonObject()
        .put("products", new JsonArray().add(new JsonObject().put("id", "a").put("name", "Đồng hồ"))
            .add(new JsonObject().put("id", "b")))
        .put("total", 5).put("page", 3).put("pageSize", 2).put("totalPages", 3));
    assertThat(new PageRequest(1, 20).envelope("products", 0, Buffer.buffer()).toJsonObject())
        .isEqualTo(new PageRequest(1, 20).envelope("products", 0, List.of()).toJsonObject());
  }
}
