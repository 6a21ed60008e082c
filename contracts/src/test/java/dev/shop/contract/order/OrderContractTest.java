package dev.shop.contract.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The order service's records: what the payment service and the reservation sweeper exchange with it. */
class OrderContractTest {

  private static final UUID ORDER = UUID.fromString("01a213e4-62c4-77a4-ba1b-7a8c7f40561a");
  private static final UUID USER = UUID.fromString("01a213d3-4066-73f8-b5df-f5ff759706e6");

  @Test
  void orderSummaryIsReadFromAnOrderResponse() {
    JsonObject response = new JsonObject().put("id", ORDER.toString()).put("userId", USER.toString())
        .put("status", "PENDING").put("totalInt", 6_298_000L).putNull("addressId").put("items", new Object[0]);

    OrderSummary summary = OrderSummary.fromJson(response);

    assertThat(summary).isEqualTo(new OrderSummary(ORDER, USER, "PENDING", 6_298_000L));
    assertThat(OrderSummary.fromJson(summary.toJson())).isEqualTo(summary);
  }

  @Test
  void anOrderWithoutTotalIsRefusedAndOneWithoutStatusHasNone() {
    JsonObject noStatus = new JsonObject().put("id", ORDER.toString()).put("totalInt", 1).putNull("userId");

    assertThat(OrderSummary.fromJson(noStatus)).isEqualTo(new OrderSummary(ORDER, null, null, 1));
    assertThatThrownBy(() -> OrderSummary.fromJson(new JsonObject().put("id", ORDER.toString())))
        .hasMessageContaining("totalInt");
  }

  @Test
  void orderGetAndExists() {
    assertThat(new OrderGetRequest(ORDER).toJson().encode()).isEqualTo("{\"id\":\"" + ORDER + "\"}");
    assertThat(new OrderExistsRequest(List.of(ORDER)).toJson().encode())
        .isEqualTo("{\"orderIds\":[\"" + ORDER + "\"]}");
    assertThat(new OrderExistsReply(List.of(ORDER)).toJson().encode()).isEqualTo("{\"existing\":[\"" + ORDER + "\"]}");
    assertThat(OrderGetRequest.fromJson(new OrderGetRequest(ORDER).toJson())).isEqualTo(new OrderGetRequest(ORDER));
    assertThat(OrderExistsRequest.fromJson(new OrderExistsRequest(List.of(ORDER)).toJson()))
        .isEqualTo(new OrderExistsRequest(List.of(ORDER)));
    assertThat(OrderExistsReply.fromJson(new OrderExistsReply(List.of(ORDER)).toJson()))
        .isEqualTo(new OrderExistsReply(List.of(ORDER)));
    assertThat(OrderExistsReply.fromJson(new JsonObject())).isEqualTo(new OrderExistsReply(List.of()));
    assertThat(OrderExistsRequest.fromJson(new JsonObject())).isEqualTo(new OrderExistsRequest(List.of()));
  }
}
