package dev.shop.contract.order;

/** The order service's subjects (docs/PROTOCOL.md, "order service"). */
public final class OrderSubjects {

  public static final String CREATE = "order.create";
  /** Also asked by the payment service with the caller's identity: read as an {@link OrderSummary}. */
  public static final String GET = "order.get";
  public static final String LIST_BY_USER = "order.listByUser";
  public static final String UPDATE_STATUS = "order.updateStatus";
  public static final String CANCEL = "order.cancel";
  /** Internal: {@link OrderExistsRequest}, answered with an {@link OrderExistsReply}. */
  public static final String EXISTS = "order.exists";
  /** Admin: every order, filtered and paged, each with its customer's {@code user.summaries} entry. */
  public static final String ADMIN_LIST = "order.adminList";
  /** Admin: an order with its history, customer, address ({@code address.findById}) and payment. */
  public static final String ADMIN_DETAIL = "order.adminDetail";

  private OrderSubjects() {
  }
}
