package dev.shop.common.json;

import static org.assertj.core.api.Assertions.assertThat;

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
}
