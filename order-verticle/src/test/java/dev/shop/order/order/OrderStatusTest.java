package dev.shop.order.order;

import static dev.shop.order.order.OrderStatus.CANCELLED;
import static dev.shop.order.order.OrderStatus.DELIVERED;
import static dev.shop.order.order.OrderStatus.PAID;
import static dev.shop.order.order.OrderStatus.PENDING;
import static dev.shop.order.order.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

  @Test
  void onlyTheContractsMovesAreLegal() {
    Set<String> legal = Set.of("PENDING>PAID", "PAID>SHIPPED", "SHIPPED>DELIVERED", "PENDING>CANCELLED",
        "PAID>CANCELLED");
    for (OrderStatus from : OrderStatus.values()) {
      for (OrderStatus to : OrderStatus.values()) {
        assertThat(from.canMoveTo(to)).as(from + ">" + to).isEqualTo(legal.contains(from + ">" + to));
      }
    }
  }

  @Test
  void eachTargetKnowsWhereItCanBeReachedFrom() {
    assertThat(OrderStatus.allowedFrom(CANCELLED)).containsExactlyInAnyOrder(PENDING, PAID);
    assertThat(OrderStatus.allowedFrom(PAID)).containsExactly(PENDING);
    assertThat(OrderStatus.allowedFrom(DELIVERED)).containsExactly(SHIPPED);
    assertThat(OrderStatus.allowedFrom(PENDING)).isEmpty();
    assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::releasesStock)).containsExactly(CANCELLED);
  }
}
