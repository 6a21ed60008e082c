package dev.shop.report;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceFactory;
import dev.shop.common.service.ServiceSettings;
import dev.shop.contract.report.ReportSubjects;
import dev.shop.report.readmodel.ReadModelUpdates;
import dev.shop.report.report.ReportHandlers;
import dev.shop.report.report.ReportRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The report service: a read model fed only by domain events, and the admin reports over it. It
 * calls no other service. Binds its subjects and its event consumers here.
 */
public final class ReportVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.REPORT;

  /** Reads the service's settings once; each instance is made with them. */
  public static final ServiceFactory FACTORY = ServiceFactory.of(SERVICE, ReportVerticle::new);

  public ReportVerticle(Bus bus, ServiceSettings service) {
    super(SERVICE, "Sales, product and cohort reports from domain events", bus, service);
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    new ReadModelUpdates().consume(events());
    ReportHandlers reports = new ReportHandlers(new ReportRepository(pool), clock());
    return Future.succeededFuture(service()
        .endpoint(ReportSubjects.SALES_SUMMARY, reports::salesSummary)
        .endpoint(ReportSubjects.PRODUCT_PERFORMANCE, reports::productPerformance)
        .endpoint(ReportSubjects.USER_COHORT, reports::userCohort));
  }
}
