package dev.shop.gateway.http;

import dev.shop.common.error.ShopException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks a request's target before any route reads it, so that what the router or a route would
 * fail to decode is answered in the contract's error shape with the request's own path: a request
 * line over {@link #LINE_LIMIT} is 414 (its path shortened), a stray or truncated percent-escape in
 * the path or the query ({@code %zz}, a trailing {@code %}) is 400.
 */
public final class RequestTarget {

  /** The longest request line served (method, target and version), as docs/SECURITY.md states. */
  public static final int LINE_LIMIT = 4096;
  /**
   * How long a request line the HTTP server reads before it gives up: past it the line is dropped
   * unread and its answer cannot name its path, so it is well above {@link #LINE_LIMIT} (as much as
   * one request body may hold).
   */
  public static final int LINE_READ_LIMIT = 1024 * 1024;
  /** " HTTP/1.1" after the target, and the space after the method. */
  private static final int LINE_OVERHEAD = " HTTP/1.1".length() + 1;

  private RequestTarget() {
  }

  /** Router handler, before every route. */
  public static void check(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String target = request.uri();
    if (request.method().name().length() + target.length() + LINE_OVERHEAD > LINE_LIMIT) {
      ErrorResponses.send(ctx, new ShopException(414, ErrorResponses.LINE_TOO_LONG),
          ErrorResponses.echoed(request.path()));
      return;
    }
    if (target.indexOf('%') >= 0 && !wellEscaped(target)) {
      ctx.fail(ShopException.badRequest("The request's URL has a malformed percent-escape"));
      return;
    }
    ctx.next();
  }

  /** Whether every {@code %} is followed by two hexadecimal digits, as the path and query decoders require. */
  static boolean wellEscaped(String target) {
    for (int at = target.indexOf('%'); at >= 0; at = target.indexOf('%', at + 3)) {
      if (at + 2 >= target.length() || !isHex(target.charAt(at + 1)) || !isHex(target.charAt(at + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
