package dev.shop.common.bus;

import dev.shop.common.vertx.Contexts;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context: the {@code traceparent} of a request, carried from the HTTP client through the
 * gateway and every bus hop, so one request's log lines in every service share its trace id. It
 * lives in the local data of the request's (duplicated) Vert.x context: code composed from a
 * request's handler sees it without passing it along, and a bus request sent from there carries a
 * child of it.
 */
public record TraceContext(String traceId, String spanId, String flags) {

  public static final String HEADER = "traceparent";
  private static final Object KEY = TraceContext.class;
  private static final HexFormat HEX = HexFormat.of();
  private static final String ZERO_TRACE = "0".repeat(32);
  private static final String ZERO_SPAN = "0".repeat(16);
  private static final String SAMPLED = "01";

  /** The trace a header continues (as a child span), or a new one when it is absent or invalid. */
  public static TraceContext continuing(String header) {
    if (header != null) {
      // 00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>, lower case (every bus hop reads one)
      String value = header.trim();
      if (value.length() == 55 && value.startsWith("00-") && value.charAt(35) == '-' && value.charAt(52) == '-') {
        String traceId = value.substring(3, 35);
        String parentId = value.substring(36, 52);
        String flags = value.substring(53);
        if (lowerHex(traceId) && lowerHex(parentId) && lowerHex(flags) && !traceId.equals(ZERO_TRACE)
            && !parentId.equals(ZERO_SPAN)) {
          return new TraceContext(traceId, newSpanId(), flags);
        }
      }
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new TraceContext(HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong() | 1), newSpanId(),
        SAMPLED);
  }

  private static boolean lowerHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The trace of the request the caller runs for, if any. */
  public static TraceContext current() {
    return (TraceContext) Contexts.requestLocal(KEY);
  }

  /**
   * Runs {@code work} on a context of its own carrying this trace (a duplicate of the caller's
   * context: same event loop, own local data), so everything it composes sees the trace.
   */
  public void run(Runnable work) {
    Contexts.runAsRequest(KEY, this, work);
  }

  /** Attaches this trace to the caller's context, which must be a request's duplicated context. */
  public void attachToCurrent() {
    Contexts.putRequestLocal(KEY, this);
  }

  /** The header of a request sent from here: this trace, a new span. */
  public static String headerForOutgoing() {
    TraceContext current = current();
    TraceContext outgoing = current == null ? continuing(null)
        : new TraceContext(current.traceId(), newSpanId(), current.flags());
    return outgoing.header();
  }

  public String header() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  /** 16 random hex digits, never all zeros (which W3C reserves as invalid). */
  private static String newSpanId() {
    return HEX.toHexDigits(ThreadLocalRandom.current().nextLong() | 1);
  }
}
