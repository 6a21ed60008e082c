package dev.shop.common.bus;

/** What travels with a request besides its body. */
public record RequestMeta(Caller caller, String requestId, String idempotencyKey) {

  public static RequestMeta of(Caller caller, String requestId) {
    return new RequestMeta(caller, requestId, null);
  }

  /** A request made on behalf of a service itself, not of a user. */
  public static RequestMeta internal(String requestId) {
    return new RequestMeta(Caller.ANONYMOUS, requestId, null);
  }

  public RequestMeta withIdempotencyKey(String key) {
    return new RequestMeta(caller, requestId, key);
  }
}
