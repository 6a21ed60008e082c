package dev.shop.ar;

import dev.shop.ar.remote.Products;
import dev.shop.ar.snapshot.SnapshotHandlers;
import dev.shop.ar.snapshot.SnapshotRepository;
import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceFactory;
import dev.shop.common.service.ServiceSettings;
import dev.shop.contract.ar.ArSubjects;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** The AR service: snapshots users take of products in augmented reality. Binds its subjects here. */
public final class ArVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.AR;

  /** Reads the service's settings once; each instance is made with them. */
  public static final ServiceFactory FACTORY = ServiceFactory.of(SERVICE, ArVerticle::new);

  public ArVerticle(Bus bus, ServiceSettings service) {
    super(SERVICE, "AR snapshots of products", bus, service);
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    SnapshotHandlers snapshots = new SnapshotHandlers(new SnapshotRepository(pool), new Products(bus));
    return Future.succeededFuture(service()
        .endpoint(ArSubjects.SNAPSHOT_CREATE, snapshots::create)
        .endpoint(ArSubjects.SNAPSHOT_LIST, snapshots::list));
  }
}
