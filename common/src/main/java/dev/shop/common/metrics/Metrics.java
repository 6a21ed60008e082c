package dev.shop.common.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metrics: each Vert.x instance made by {@link #vertx()} reports into a Prometheus registry of its
 * own (SQL pools), which the platform's own meters join (the gateway's HTTP requests by route
 * template, bus requests, events) along with the JVM's memory, GC, threads and CPU.
 * {@code GET /metrics} on the gateway, or on {@code SHOP_METRICS_PORT} in a JVM without one, serves it.
 */
public final class Metrics {

  /** The media type of the Prometheus text format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES = new ConcurrentHashMap<>();
  /** Gauges' values by registry, name and tags: instances of one service in a JVM share theirs. */
  private static final Map<MeterRegistry, Map<String, AtomicLong>> GAUGES = new ConcurrentHashMap<>();
  private static final AtomicInteger CREATED = new AtomicInteger();
  /** Latency buckets (seconds) of request timers, so Prometheus can compute any percentile. */
  public static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private Metrics() {
  }

  /** A Vert.x instance with metrics on (one per JVM in production; tests make several). */
  public static Vertx vertx() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName("shop-" + CREATED.incrementAndGet())
        .setLabels(EnumSet.of(Label.POOL_TYPE, Label.POOL_NAME, Label.NAMESPACE))
        // The platform's bus meters cover both buses alike; the Vert.x event bus carries none of them.
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        // The gateway records its HTTP meters itself (HttpMeters): Vert.x's looked five up per request.
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT);
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new ClientMetricsPerEndpoint(new MicrometerMetricsFactory(registry))).build();
    REGISTRIES.put(vertx, registry);
    return vertx;
  }

  /** The registry of the Vert.x instance the caller runs on, when it was made by {@link #vertx()}. */
  public static Optional<MeterRegistry> registry() {
    Context context = Vertx.currentContext();
    return context == null ? Optional.empty() : Optional.ofNullable(REGISTRIES.get(context.owner()));
  }

  /** The Prometheus text of every meter of the caller's Vert.x instance, when metrics are on. */
  public static Optional<String> scrape() {
    return registry().map(registry -> ((PrometheusMeterRegistry) registry).scrape());
  }

  /**
   * The value behind a gauge of the caller's registry, registered on first use; setting it changes
   * what the next scrape reads. Without metrics it is a number nobody reads.
   */
  public static AtomicLong gauge(String name, String description, Tags tags) {
    Optional<MeterRegistry> registry = registry();
    if (registry.isEmpty()) {
      return new AtomicLong();
    }
    return GAUGES.computeIfAbsent(registry.get(), r -> new ConcurrentHashMap<>())
        .computeIfAbsent(name + tags, key -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).register(registry.get());
          return value;
        });
  }
}
