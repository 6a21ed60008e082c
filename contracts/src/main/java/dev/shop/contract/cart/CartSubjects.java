package dev.shop.contract.cart;

/** The cart service's subjects (docs/PROTOCOL.md, "cart service"). */
public final class CartSubjects {

  /** Also asked by the order service with the user as caller, body {@code {}}: read as {@link CartLines}. */
  public static final String GET = "cart.get";
  public static final String ADD_ITEM = "cart.addItem";
  public static final String UPDATE_ITEM = "cart.updateItem";
  public static final String REMOVE_ITEM = "cart.removeItem";
  public static final String CLEAR = "cart.clear";
  public static final String TRANSFER_TO_USER = "cart.transferToUser";
  /** For the order service, with the user as caller: {@link RemoveOrderedRequest}, answered with the CartResponse. */
  public static final String REMOVE_ORDERED = "cart.removeOrdered";

  private CartSubjects() {
  }
}
