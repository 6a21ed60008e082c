package dev.shop.gateway.http;

import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.Timestamps;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every failure as the contract's error JSON; never a stack trace. */
public final class ErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {
  }

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    ShopException error;
    if (failure instanceof ShopException shop) {
      error = shop;
    } else if (failure != null) {
      log.atError().setCause(failure).addKeyValue("requestId", RequestIds.of(ctx))
          .addKeyValue("path", ctx.normalizedPath()).log("unexpected failure");
      error = new ShopException(500, "Internal server error");
    } else {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      error = new ShopException(status, defaultMessage(status));
    }
    send(ctx, error);
  }

  public static void send(RoutingContext ctx, ShopException error) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.request().connection().close();
      return;
    }
    JsonArray details = new JsonArray();
    for (FieldError detail : error.details()) {
      details.add(detail.toJson());
    }
    JsonObject body = new JsonObject()
        .put("statusCode", error.status())
        .put("error", HttpResponseStatus.valueOf(error.status()).reasonPhrase())
        .put("message", error.getMessage())
        .put("path", ctx.request().path())
        .put("timestamp", Timestamps.format(Instant.now()))
        .put("requestId", RequestIds.of(ctx))
        .put("details", details);
    ctx.response()
        .setStatusCode(error.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.toBuffer());
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
