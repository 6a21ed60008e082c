package dev.shop.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/** Gives every request an id: the client's {@code X-Request-Id} when it is sane, else a new one. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:@/+=-]{1,128}$");

  private RequestIds() {
  }

  public static void handle(RoutingContext ctx) {
    String sent = ctx.request().getHeader(HEADER);
    String id = sent != null && SAFE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
