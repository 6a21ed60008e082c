package dev.shop.nats;

import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusHandler;
import dev.shop.common.bus.BusHeaders;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusSigning;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.bus.Wire;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.Gzip;
import io.nats.client.NUID;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of a service on a {@link NatsLink}, as the NATS Services ("micro") protocol
 * describes it: each subject an endpoint in a queue group named after the service, and the
 * discovery subjects {@code $SRV.PING|INFO|STATS}, {@code .<name>} and {@code .<name>.<id>}
 * answered by every instance. Handlers run on the serving verticle's context, which shares the
 * link's event loop.
 */
final class NatsService implements Bus.BusRegistration {

  private static final Logger log = LoggerFactory.getLogger(NatsService.class);
  private static final String[] DISCOVERY = {"PING", "INFO", "STATS"};

  /** An endpoint and its statistics (touched on the event loop only). */
  private static final class Endpoint {
    final String name;
    final String subject;
    final BusHandler handler;
    long requests;
    long errors;
    long processingNanos;
    String lastError;

    Endpoint(String subject, BusHandler handler) {
      this.name = subject.replace('.', '_');
      this.subject = subject;
      this.handler = handler;
    }
  }

  private final NatsLink link;
  private final ContextInternal context;
  private final BusSigning signing;
  private final ServiceDefinition definition;
  private final String id = NUID.nextGlobal();
  private final Instant started = Instant.now();
  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<Integer> sids = new ArrayList<>();
  private final long graceMs;
  private int inFlight;
  private Promise<Void> drained;

  private NatsService(NatsLink link, ContextInternal context, BusSigning signing, ServiceDefinition definition,
      long graceMs) {
    this.link = link;
    this.graceMs = graceMs;
    this.context = context;
    this.signing = signing;
    this.definition = definition;
  }

  /** Subscribes every subject and completes once the server has the subscriptions. */
  static Future<Bus.BusRegistration> start(NatsLink link, ContextInternal context, BusSigning signing,
      ServiceDefinition definition, long graceMs) {
    NatsService service = new NatsService(link, context, signing, definition, graceMs);
    Promise<Void> subscribed = context.promise();
    link.run(() -> {
      definition.endpoints().forEach((subject, handler) -> {
        Endpoint endpoint = new Endpoint(subject, handler);
        service.endpoints.add(endpoint);
        service.sids.add(link.subscribe(subject, definition.name(),
            delivery -> context.emit(delivery, d -> service.answer(endpoint, d))));
      });
      for (String verb : DISCOVERY) {
        for (String subject : List.of("$SRV." + verb, "$SRV." + verb + "." + definition.name(),
            "$SRV." + verb + "." + definition.name() + "." + service.id)) {
          service.sids.add(link.subscribe(subject, null, delivery -> service.describe(verb, delivery)));
        }
      }
      link.flush().onComplete(subscribed);
    });
    return subscribed.future().map(service);
  }

  private void answer(Endpoint endpoint, NatsLink.Delivery request) {
    if (request.replyTo() == null) {
      log.atDebug().addKeyValue("subject", endpoint.subject).log("request without a reply subject ignored");
      return;
    }
    long start = System.nanoTime();
    inFlight++;
    NatsHeaders requestHeaders = request.headers();
    Wire.invoke(endpoint.handler, endpoint.subject, request.data(),
        name -> requestHeaders == null ? null : requestHeaders.first(name), signing).onComplete(result -> link.run(() -> {
          NatsHeaders headers = new NatsHeaders();
          Buffer payload;
          boolean failed = false;
          if (result.succeeded()) {
            BusReply reply = result.result();
            if (reply.status() != 200) {
              headers.put(BusHeaders.STATUS, Integer.toString(reply.status()));
            }
            if (reply.gzipped()) {
              headers.put(BusHeaders.CONTENT_ENCODING, Gzip.ENCODING);
            }
            payload = reply.encodedBody();
          } else {
            ShopException error = (ShopException) result.cause();
            headers = errorHeaders(error);
            payload = error.toJson().toBuffer();
            if (error.status() >= 500) {
              failed(endpoint, error);
              failed = true;
            }
          }
          endpoint.requests++;
          endpoint.processingNanos += System.nanoTime() - start;
          try {
            if (!link.publish(request.replyTo(), null, headers, payload) && !failed) {
              failed(endpoint, new ShopException(503, "The answer of " + endpoint.subject
                  + " was dropped: the bus was reconnecting and could keep no more"));
            }
          } catch (ShopException tooLarge) {
            // The caller learns it now rather than at its time-out.
            ShopException instead = new ShopException(502, "The answer of " + endpoint.subject + " is too large for the bus");
            log.atError().addKeyValue("subject", endpoint.subject).addKeyValue("reason", tooLarge.getMessage())
                .log("reply too large for NATS; an error answered instead");
            if (!failed) {
              failed(endpoint, instead);
            }
            link.publish(request.replyTo(), null, errorHeaders(instead), instead.toJson().toBuffer());
          }
          if (--inFlight == 0 && drained != null) {
            drained.tryComplete();
          }
        }));
  }

  private static void failed(Endpoint endpoint, ShopException error) {
    endpoint.errors++;
    endpoint.lastError = error.status() + ": " + error.getMessage();
  }

  private static NatsHeaders errorHeaders(ShopException error) {
    return new NatsHeaders().put(BusHeaders.ERROR, error.getMessage())
        .put(BusHeaders.ERROR_CODE, Integer.toString(error.status()));
  }

  /** Answers a discovery request; on the link's loop, reading statistics the context writes on the same loop. */
  private void describe(String verb, NatsLink.Delivery request) {
    if (request.replyTo() == null) {
      return;
    }
    JsonObject answer = new JsonObject()
        .put("type", "io.nats.micro.v1." + verb.toLowerCase() + "_response")
        .put("name", definition.name())
        .put("id", id)
        .put("version", definition.version())
        .put("metadata", new JsonObject());
    JsonArray described = new JsonArray();
    if (verb.equals("INFO")) {
      answer.put("description", definition.description());
      endpoints.forEach(endpoint -> described.add(new JsonObject().put("name", endpoint.name)
          .put("subject", endpoint.subject).put("queue_group", definition.name()).put("metadata", new JsonObject())));
      answer.put("endpoints", described);
    } else if (verb.equals("STATS")) {
      answer.put("started", started.toString());
      endpoints.forEach(endpoint -> described.add(new JsonObject().put("name", endpoint.name)
          .put("subject", endpoint.subject).put("queue_group", definition.name())
          .put("num_requests", endpoint.requests).put("num_errors", endpoint.errors)
          .put("last_error", endpoint.lastError == null ? "" : endpoint.lastError)
          .put("processing_time", endpoint.processingNanos)
          .put("average_processing_time", endpoint.requests == 0 ? 0 : endpoint.processingNanos / endpoint.requests)));
      answer.put("endpoints", described);
    }
    link.publish(request.replyTo(), null, null, answer.toBuffer());
  }

  /** Unsubscribes, then completes once the requests in flight are answered (or after the grace time). */
  @Override
  public Future<Void> close() {
    Promise<Void> stopped = context.promise();
    link.run(() -> {
      sids.forEach(link::unsubscribe);
      sids.clear();
      if (inFlight == 0) {
        stopped.tryComplete();
        return;
      }
      drained = stopped;
      context.setTimer(graceMs, t -> stopped.tryComplete());
    });
    return stopped.future();
  }
}
