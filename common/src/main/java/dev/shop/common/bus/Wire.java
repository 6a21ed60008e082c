package dev.shop.common.bus;

import dev.shop.common.db.PgErrors;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.Gzip;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The wire format both buses share: JSON bodies, caller and request id in headers, errors as a
 * status code plus {@code {message, details}}. Keeps NATS and the local bus byte-for-byte alike.
 */
public final class Wire {

  private static final Logger log = LoggerFactory.getLogger(Wire.class);
  /** One line per bus request a service answered (level: SHOP_ACCESS_LOG_LEVEL, like the gateway's). */
  private static final Logger requests = LoggerFactory.getLogger("bus");

  private Wire() {
  }

  /**
   * Writes the headers of a request leaving this JVM's caller (caller, ids, trace, gzip
   * acceptance, then the signature over them and the body); an absent value is left out. The
   * writing side of {@link #toRequest}.
   */
  public static void writeRequestHeaders(String subject, RequestMeta meta, byte[] body, BusSigning signing,
      BiConsumer<String, String> header) {
    BiConsumer<String, String> present = (name, value) -> {
      if (value != null) {
        header.accept(name, value);
      }
    };
    present.accept(BusHeaders.CALLER_ID, meta.caller().userId());
    present.accept(BusHeaders.CALLER_ROLE, meta.caller().role() == null ? null : meta.caller().role().name());
    present.accept(BusHeaders.REQUEST_ID, meta.requestId());
    present.accept(BusHeaders.IDEMPOTENCY_KEY, meta.idempotencyKey());
    present.accept(TraceContext.HEADER, TraceContext.headerForOutgoing());
    present.accept(BusHeaders.ACCEPT_ENCODING, meta.acceptsGzip() ? Gzip.ENCODING : null);
    signing.sign(subject, meta, body, present);
  }

  /** Reads request headers into what a handler sees. */
  static BusRequest toRequest(String subject, Buffer data, Function<String, String> header) {
    JsonObject body;
    if (data == null || data.length() == 0) {
      body = new JsonObject();
    } else {
      try {
        Object value = Json.decodeValue(data);
        if (!(value instanceof JsonObject object)) {
          throw ShopException.badRequest("The request body must be a JSON object");
        }
        body = object;
      } catch (DecodeException e) {
        throw ShopException.badRequest("The request body is not valid JSON");
      }
    }
    String userId = header.apply(BusHeaders.CALLER_ID);
    Caller caller = userId == null || userId.isEmpty()
        ? Caller.ANONYMOUS
        : Caller.user(userId, dev.shop.common.auth.Role.parse(header.apply(BusHeaders.CALLER_ROLE))
            .orElse(dev.shop.common.auth.Role.CUSTOMER));
    return new BusRequest(subject, body, caller, header.apply(BusHeaders.REQUEST_ID),
        header.apply(BusHeaders.IDEMPOTENCY_KEY), Gzip.ENCODING.equals(header.apply(BusHeaders.ACCEPT_ENCODING)));
  }

  /** Runs a handler, turning a thrown exception into a failed future. */
  public static Future<BusReply> invoke(BusHandler handler, String subject, Buffer data,
      Function<String, String> header, BusSigning signing) {
    TraceContext trace = TraceContext.continuing(header.apply(TraceContext.HEADER));
    long started = System.nanoTime();
    Promise<BusReply> answered = Promise.promise();
    trace.run(() -> BusMetrics.handled(subject, () -> answer(handler, subject, data, header, signing))
        .onComplete(answered));
    return answered.future().onComplete(result -> {
      LoggingEventBuilder line = requests.atInfo()
          .addKeyValue("subject", subject)
          .addKeyValue("status", result.succeeded() ? result.result().status()
              : result.cause() instanceof ShopException shop ? shop.status() : 500)
          .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000)
          .addKeyValue("requestId", header.apply(BusHeaders.REQUEST_ID))
          .addKeyValue("traceId", trace.traceId());
      String userId = header.apply(BusHeaders.CALLER_ID);
      if (userId != null && !userId.isEmpty()) {
        line.addKeyValue("userId", userId);
      }
      line.log("bus request");
    });
  }

  private static Future<BusReply> answer(BusHandler handler, String subject, Buffer data,
      Function<String, String> header, BusSigning signing) {
    BusRequest request;
    try {
      signing.verify(subject, header, data == null ? null : data.getBytes());
      request = toRequest(subject, data, header);
    } catch (ShopException e) {
      return Future.failedFuture(e);
    }
    try {
      Future<BusReply> reply = handler.handle(request);
      return reply.recover(failure -> Future.failedFuture(asShopException(subject, request, failure)));
    } catch (RuntimeException e) {
      return Future.failedFuture(asShopException(subject, request, e));
    }
  }

  private static ShopException asShopException(String subject, BusRequest request, Throwable failure) {
    if (failure instanceof ShopException shop) {
      return shop;
    }
    if (PgErrors.isUnavailable(failure)) {
      // Expected while the database restarts: a clear 503 the client may retry, one line each.
      log.atWarn().addKeyValue("subject", subject).addKeyValue("requestId", request.requestId())
          .addKeyValue("reason", String.valueOf(failure.getMessage())).log("database unavailable");
      return new ShopException(503, "Service unavailable: its database is not reachable (" + subject + ")");
    }
    log.atError().setCause(failure)
        .addKeyValue("subject", subject)
        .addKeyValue("requestId", request.requestId())
        .log("request failed unexpectedly");
    return new ShopException(500, "Internal server error");
  }

  public static ShopException noResponders(String subject) {
    return new ShopException(503, "Service unavailable: nothing answers " + subject);
  }

  public static ShopException timedOut(String subject) {
    return new ShopException(504, "Service did not answer in time: " + subject);
  }
}
