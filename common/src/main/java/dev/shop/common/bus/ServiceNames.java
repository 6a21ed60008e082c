package dev.shop.common.bus;

import java.util.List;

/**
 * The domain services' names: each is the service's queue group on NATS, its name in the NATS
 * Services protocol ({@code $SRV.PING.<name>}) and its key in {@code SHOP_SERVICES}.
 */
public final class ServiceNames {

  public static final String USER = "user";
  public static final String PRODUCT = "product";
  public static final String CART = "cart";
  public static final String ORDER = "order";
  public static final String PAYMENT = "payment";
  public static final String REPORT = "report";
  public static final String AR = "ar";

  /** Every domain service, in start order (a service starts after those it calls at start-up). */
  public static final List<String> ALL = List.of(USER, PRODUCT, CART, ORDER, PAYMENT, REPORT, AR);

  private ServiceNames() {
  }
}
