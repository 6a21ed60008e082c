package dev.shop.gateway.http;

import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.Timestamps;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every failure as the contract's error JSON; never a stack trace. */
public final class ErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
  /** How much of an over-long request's path its error answer repeats. */
  private static final int PATH_ECHO_LIMIT = 200;
  static final String LINE_TOO_LONG = "The request line is longer than the limit";

  private ErrorResponses() {
  }

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ShopException error;
    if (failure instanceof ShopException shop) {
      error = shop;
    } else if (failure instanceof HttpException http && http.getStatusCode() < 500) {
      error = new ShopException(http.getStatusCode(), defaultMessage(http.getStatusCode()));
    } else if (failure != null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // The router's own refusals (a request without Host): the client's fault, not ours.
      error = new ShopException(ctx.statusCode(), defaultMessage(ctx.statusCode()));
    } else if (failure != null) {
      log.atError().setCause(failure).addKeyValue("requestId", RequestIds.of(ctx))
          .addKeyValue("path", ctx.request().path()).log("unexpected failure");
      error = new ShopException(500, "Internal server error");
    } else {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      error = new ShopException(status, defaultMessage(status));
    }
    send(ctx, error);
  }

  public static void send(RoutingContext ctx, ShopException error) {
    send(ctx, error, ctx.request().path());
  }

  /** The error answered with {@code path} as the request's path. */
  static void send(RoutingContext ctx, ShopException error, String path) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body(error, path, RequestIds.of(ctx)).toBuffer());
  }

  /**
   * The HTTP server's handler of requests it could not decode (a request line or headers over
   * Netty's limits, a malformed request): the contract's error JSON too, then the connection closes.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
    ShopException error = cause instanceof TooLongHttpLineException
        ? new ShopException(414, LINE_TOO_LONG)
        : cause instanceof TooLongHttpHeaderException
            ? new ShopException(431, "The request headers are larger than the limit")
            : ShopException.badRequest("Malformed HTTP request");
    String path;
    try {
      // A line past RequestTarget.LINE_READ_LIMIT was dropped unread: its path is unknown, and the
      // decoder's stand-in (/bad-request) would name a path nobody sent.
      path = cause instanceof TooLongHttpLineException || request.path() == null ? "" : echoed(request.path());
    } catch (RuntimeException unreadable) {
      path = "";
    }
    String requestId = UUID.randomUUID().toString();
    request.response()
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(body(error, path, requestId).toBuffer());
  }

  /** The start of a path too long to repeat whole. */
  static String echoed(String path) {
    return path.length() > PATH_ECHO_LIMIT ? path.substring(0, PATH_ECHO_LIMIT) : path;
  }

  private static JsonObject body(ShopException error, String path, String requestId) {
    JsonArray details = new JsonArray();
    for (FieldError detail : error.details()) {
      details.add(detail.toJson());
    }
    return new JsonObject()
        .put("statusCode", error.status())
        .put("error", HttpResponseStatus.valueOf(error.status()).reasonPhrase())
        .put("message", error.getMessage())
        .put("path", path)
        .put("timestamp", Timestamps.format(Instant.now()))
        .put("requestId", requestId)
        .put("details", details);
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Request body is larger than the limit";
      case 415 -> "Content-Type must be application/json";
      default -> HttpResponseStatus.valueOf(status).reasonPhrase();
    };
  }
}
