package dev.shop.launcher;

import dev.shop.ar.ArVerticle;
import dev.shop.cart.CartVerticle;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.BusSettings;
import dev.shop.common.bus.LocalBus;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.event.EventSettings;
import dev.shop.common.metrics.MetricsServer;
import dev.shop.common.service.ServiceFactory;
import dev.shop.gateway.GatewaySettings;
import dev.shop.gateway.GatewayVerticle;
import dev.shop.launcher.demo.DemoClock;
import dev.shop.launcher.demo.DemoShop;
import dev.shop.nats.NatsBus;
import dev.shop.nats.NatsSettings;
import dev.shop.order.OrderVerticle;
import dev.shop.payment.PaymentVerticle;
import dev.shop.product.ProductVerticle;
import dev.shop.report.ReportVerticle;
import dev.shop.user.UserVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selected services and the gateway running in one JVM on one bus: the whole platform in dev
 * mode, or one service per JVM in production ({@code SHOP_SERVICES=user}).
 */
public final class Platform {

  private static final Logger log = LoggerFactory.getLogger(Platform.class);

  public static final String GATEWAY = "gateway";

  /** The domain services that exist, in start order. */
  private static final Map<String, ServiceFactory> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put(UserVerticle.SERVICE, UserVerticle.FACTORY);
    SERVICES.put(ProductVerticle.SERVICE, ProductVerticle.FACTORY);
    SERVICES.put(CartVerticle.SERVICE, CartVerticle.FACTORY);
    SERVICES.put(OrderVerticle.SERVICE, OrderVerticle.FACTORY);
    SERVICES.put(PaymentVerticle.SERVICE, PaymentVerticle.FACTORY);
    SERVICES.put(ReportVerticle.SERVICE, ReportVerticle.FACTORY);
    SERVICES.put(ArVerticle.SERVICE, ArVerticle.FACTORY);
  }

  private final Vertx vertx;
  private final Bus bus;
  private final ServiceDatabases databases;
  private final GatewayVerticle gateway;
  private final List<String> deployments;

  private Platform(Vertx vertx, Bus bus, ServiceDatabases databases, GatewayVerticle gateway,
      List<String> deployments) {
    this.vertx = vertx;
    this.bus = bus;
    this.databases = databases;
    this.gateway = gateway;
    this.deployments = deployments;
  }

  /**
   * Starts what {@code SHOP_SERVICES} names ({@code all}: every service and the gateway). With
   * {@code SHOP_DEMO_DATA}, a JVM that runs every service makes the demo shop on a first start
   * ({@link DemoShop}), once they all serve and before the gateway listens; the services' clock is
   * then a {@link DemoClock}, the system's again once the demo shop is made.
   */
  public static Future<Platform> start(Vertx vertx, ShopConfig config) {
    PlatformSettings platform = PlatformSettings.from(config);
    List<String> selected = selectedServices(platform.services());
    List<String> services = selected.stream().filter(SERVICES::containsKey).toList();
    return ServiceDatabases.resolve(vertx, config, services).compose(databases -> {
      ShopConfig resolved = databases.config();
      DemoClock demoClock = resolved.bool(ConfigKeys.DEMO_DATA) && services.containsAll(SERVICES.keySet())
          ? new DemoClock() : null;
      Clock clock = demoClock == null ? Clock.systemUTC() : demoClock;
      // Every setting is read and checked before anything starts: a wrong value stops the start, naming its key.
      Map<String, Function<Bus, Deployable>> verticles = new LinkedHashMap<>();
      services.forEach(service -> verticles.put(service, SERVICES.get(service).read(resolved, clock)));
      GatewaySettings gatewaySettings = selected.contains(GATEWAY) ? GatewaySettings.from(resolved) : null;
      EventSettings events = EventSettings.from(resolved);
      return connectBus(vertx, resolved, selected).compose(bus -> {
        List<String> deployments = new ArrayList<>();
        // Each service and the gateway run as several instances, each on an event loop of its own.
        DeploymentOptions instances = new DeploymentOptions().setInstances(instances(platform.instances()));
        Future<Void> chain = Future.succeededFuture();
        for (String service : services) {
          chain = chain.compose(v -> vertx.deployVerticle(() -> verticles.get(service).apply(bus), instances)
              .onSuccess(deployments::add).mapEmpty());
        }
        // Every consumer of this JVM has subscribed (the gateway consumes no events): in-process delivery may begin.
        chain = chain.compose(v -> {
          bus.events(events).open();
          return demoClock == null ? Future.<Void>succeededFuture() : DemoShop.addIfNew(vertx, bus, resolved, demoClock);
        });
        List<GatewayVerticle> gateways = new CopyOnWriteArrayList<>();
        if (selected.contains(GATEWAY)) {
          chain = chain.compose(v -> vertx.deployVerticle(() -> {
            GatewayVerticle gateway = new GatewayVerticle(bus, gatewaySettings);
            gateways.add(gateway);
            return gateway;
          }, instances).onSuccess(deployments::add).mapEmpty());
        }
        int metricsPort = platform.metricsPort();
        if (metricsPort > 0) {
          chain = chain.compose(v -> MetricsServer.start(vertx, metricsPort).mapEmpty());
        }
        return chain.map(v -> {
          GatewayVerticle gateway = gateways.isEmpty() ? null : gateways.get(0);
          return new Platform(vertx, bus, databases, gateway, deployments);
        });
      });
    });
  }

  /** {@code SHOP_INSTANCES}, where 0 stands for the number of processor cores. */
  private static int instances(int configured) {
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }

  private static List<String> selectedServices(List<String> selected) {
    if (selected.contains("all")) {
      List<String> all = new ArrayList<>(SERVICES.keySet());
      all.add(GATEWAY);
      return all;
    }
    for (String name : selected) {
      if (!SERVICES.containsKey(name) && !name.equals(GATEWAY)) {
        throw new IllegalArgumentException("SHOP_SERVICES names an unknown service: " + name
            + " (known: " + String.join(", ", SERVICES.keySet()) + ", " + GATEWAY + ", all)");
      }
    }
    return selected;
  }

  private static Future<Bus> connectBus(Vertx vertx, ShopConfig config, List<String> selected) {
    BusSettings settings = BusSettings.from(config);
    NatsSettings nats = NatsSettings.from(config);
    if (nats.url() == null) {
      return Future.succeededFuture(new LocalBus(vertx, settings.timeout(), settings.signing()));
    }
    return NatsBus.connect(vertx, nats, "shop-" + String.join("-", selected), settings.timeout(), settings.signing())
        .map(bus -> bus);
  }

  /** The gateway's HTTP port, or -1 when this JVM runs no gateway. */
  public int httpPort() {
    return gateway == null ? -1 : gateway.port();
  }

  public Bus bus() {
    return bus;
  }

  /** The gateway's routes ({@code "GET /products/:id"}); empty when this JVM runs no gateway. */
  public List<String> gatewayRoutes() {
    return gateway == null ? List.of() : gateway.routes();
  }

  public String busKind() {
    return bus instanceof NatsBus ? "nats" : "local";
  }

  /** Undeploys in reverse order (gateway first, draining requests), then closes bus and database. */
  public Future<Void> close() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain.eventually(bus::close)
        .eventually(() -> databases.close(vertx))
        .onComplete(done -> log.info("platform stopped"));
  }
}
