package dev.shop.gateway.http;

import dev.shop.common.bus.TraceContext;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Gives every request an id: the client's {@code X-Request-Id} when it is sane, else a new one. */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  private static final String TRACE = "trace";
  public static final String TRACE_RESPONSE = "traceresponse";
  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:@/+=-]{1,128}$");

  private RequestIds() {
  }

  /**
   * Also continues the client's W3C {@code traceparent} (or starts a trace) for the request's bus
   * hops, and answers it in {@code traceresponse} (Trace Context Level 2) so a client can quote it.
   */
  public static void handle(RoutingContext ctx) {
    String sent = ctx.request().getHeader(HEADER);
    String id = sent != null && SAFE.matcher(sent).matches() ? sent : newId();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    TraceContext trace = TraceContext.continuing(ctx.request().getHeader(TraceContext.HEADER));
    trace.attachToCurrent();
    ctx.put(TRACE, trace);
    ctx.response().putHeader(TRACE_RESPONSE, trace.header());
    ctx.next();
  }

  /**
   * A random (version 4) UUID. Request ids need to be unique, not unguessable: ThreadLocalRandom
   * spares every request UUID.randomUUID's trip through the shared SecureRandom.
   */
  private static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** The request's trace. */
  public static TraceContext trace(RoutingContext ctx) {
    return ctx.get(TRACE);
  }

  public static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
