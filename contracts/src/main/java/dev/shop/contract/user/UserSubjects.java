package dev.shop.contract.user;

/** The user service's subjects (docs/PROTOCOL.md, "user service"). */
public final class UserSubjects {

  public static final String AUTH_REGISTER = "auth.register";
  public static final String AUTH_LOGIN = "auth.login";
  public static final String AUTH_REFRESH = "auth.refresh";
  public static final String AUTH_LOGOUT = "auth.logout";
  public static final String AUTH_VERIFY = "auth.verify";
  /** Internal and public: {@code {}}, answered with a {@link JsonWebKeySet}. */
  public static final String AUTH_JWKS = "auth.jwks";
  public static final String USER_LIST = "user.list";
  public static final String USER_FIND_BY_ID = "user.findById";
  public static final String USER_FIND_BY_EMAIL = "user.findByEmail";
  public static final String USER_CREATE = "user.create";
  public static final String USER_UPDATE = "user.update";
  public static final String USER_DEACTIVATE = "user.deactivate";
  /** Internal: {@link UserStatusRequest}, answered with a {@link UserStatusReply}. */
  public static final String USER_STATUS = "user.status";
  /**
   * Also asked by the order service for an administrator: {@link UserSummariesRequest}, answered
   * with {@link UserSummaries}.
   */
  public static final String USER_SUMMARIES = "user.summaries";
  /** Also asked by the order service at checkout: the caller's addresses, read as {@link AddressIds}. */
  public static final String ADDRESS_LIST_BY_USER = "address.listByUser";
  public static final String ADDRESS_CREATE = "address.create";
  public static final String ADDRESS_UPDATE = "address.update";
  public static final String ADDRESS_DELETE = "address.delete";
  public static final String ADDRESS_SET_DEFAULT = "address.setDefault";
  /** Also asked by the order service for an administrator: {@link AddressFindRequest}, an AddressResponse. */
  public static final String ADDRESS_FIND_BY_ID = "address.findById";

  private UserSubjects() {
  }
}
