package dev.shop.order.order;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of an order: PENDING → PAID → SHIPPED → DELIVERED, and PENDING or PAID →
 * CANCELLED. Every other move is illegal (409).
 */
public enum OrderStatus {
  PENDING,
  PAID,
  SHIPPED,
  DELIVERED,
  CANCELLED;

  private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(
      PENDING, Set.of(PAID, CANCELLED),
      PAID, Set.of(SHIPPED, CANCELLED),
      SHIPPED, Set.of(DELIVERED),
      DELIVERED, Set.of(),
      CANCELLED, Set.of());

  public boolean canMoveTo(OrderStatus target) {
    return NEXT.get(this).contains(target);
  }

  /** The statuses an order may be in to move to {@code target}; empty when nothing leads there. */
  public static List<OrderStatus> allowedFrom(OrderStatus target) {
    return Arrays.stream(values()).filter(from -> from.canMoveTo(target)).toList();
  }

  /** Whether reaching this status gives the order's reserved stock back. */
  public boolean releasesStock() {
    return this == CANCELLED;
  }
}
