package dev.shop.common.bus;

/**
 * What travels with a request besides its body.
 *
 * @param acceptsGzip whether the caller takes an answer in gzip (the gateway's client said so in
 *     {@code Accept-Encoding}); a service may answer so, and says so in the reply
 */
public record RequestMeta(Caller caller, String requestId, String idempotencyKey, boolean acceptsGzip) {

  public RequestMeta(Caller caller, String requestId, String idempotencyKey) {
    this(caller, requestId, idempotencyKey, false);
  }

  public static RequestMeta of(Caller caller, String requestId) {
    return new RequestMeta(caller, requestId, null);
  }

  /** A request made on behalf of a service itself, not of a user. */
  public static RequestMeta internal(String requestId) {
    return new RequestMeta(Caller.ANONYMOUS, requestId, null);
  }
}
