package dev.shop.common.bus;

/** Message headers of the wire format (docs/PROTOCOL.md). */
public final class BusHeaders {

  public static final String CALLER_ID = "Shop-Caller-Id";
  public static final String CALLER_ROLE = "Shop-Caller-Role";
  public static final String REQUEST_ID = "Shop-Request-Id";
  public static final String IDEMPOTENCY_KEY = "Shop-Idempotency-Key";
  /** On a request: {@code gzip} when the caller takes an answer in gzip. */
  public static final String ACCEPT_ENCODING = "Shop-Accept-Encoding";
  /** On a successful reply: {@code gzip} when its body is (only ever to a caller that accepts it). */
  public static final String CONTENT_ENCODING = "Shop-Content-Encoding";
  /** On a successful reply: the HTTP status the answer stands for when it is not 200. */
  public static final String STATUS = "Shop-Status";
  /** On a failed reply, as the NATS Services protocol names them. */
  public static final String ERROR = "Nats-Service-Error";
  public static final String ERROR_CODE = "Nats-Service-Error-Code";

  private BusHeaders() {
  }
}
