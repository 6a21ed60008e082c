package dev.shop.common.metrics;

import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vert.x's Micrometer metrics with one {@link ClientMetrics} per endpoint (type, namespace, server)
 * instead of one per connection. The PostgreSQL client asks for client metrics at every connection
 * it opens, and vertx-micrometer registers the same {@code vertx_sql_processing_pending} gauge each
 * time, which Micrometer (1.13.9 on) logs as a WARN, "This Gauge has been already registered", at
 * every JVM's start (vert-x3/vertx-micrometer-metrics#259). The meters of one endpoint are the same
 * for all its connections anyway (same names and tags: the pending count is shared, the timer and
 * counter are one each), so the connections share one {@code ClientMetrics} and each gauge is
 * registered once. Everything else goes to vertx-micrometer unchanged.
 */
final class ClientMetricsPerEndpoint implements VertxMetricsFactory {

  private final VertxMetricsFactory micrometer;

  ClientMetricsPerEndpoint(VertxMetricsFactory micrometer) {
    this.micrometer = micrometer;
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return new Shared(micrometer.metrics(options));
  }

  @Override
  public MetricsOptions newOptions() {
    return micrometer.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return micrometer.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return micrometer.newOptions(json);
  }

  private record Endpoint(String server, String type, String namespace) {
  }

  /** The delegate's metrics, with client metrics kept per endpoint. */
  private static final class Shared implements VertxMetrics {

    private final VertxMetrics delegate;
    private final Map<Endpoint, ClientMetrics<?, ?, ?>> clients = new ConcurrentHashMap<>();

    Shared(VertxMetrics delegate) {
      this.delegate = delegate;
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
      // computeIfAbsent stores nothing for a disabled category (null): it stays null for every connection.
      return clients.computeIfAbsent(new Endpoint(Objects.toString(remoteAddress), type, namespace),
          endpoint -> delegate.createClientMetrics(remoteAddress, type, namespace));
    }

    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return delegate.createEventBusMetrics();
    }

    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress localAddress) {
      return delegate.createHttpServerMetrics(options, localAddress);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return delegate.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress localAddress) {
      return delegate.createNetServerMetrics(options, localAddress);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return delegate.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return delegate.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
      return delegate.createPoolMetrics(poolType, poolName, maxPoolSize);
    }

    @Override
    public void vertxCreated(io.vertx.core.Vertx vertx) {
      delegate.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return delegate.isMetricsEnabled();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
