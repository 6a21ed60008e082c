package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.ADMIN;

import dev.shop.contract.report.ReportSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** docs/reports.md: the admin reports, in the report service; the query is passed whole (unknown parameters are 400). */
public final class ReportRoutes {

  private ReportRoutes() {
  }

  public static void register(Api api) {
    api.get("/reports/sales-summary", ADMIN, ReportSubjects.SALES_SUMMARY, Payload.query());
    api.get("/reports/product-performance", ADMIN, ReportSubjects.PRODUCT_PERFORMANCE, Payload.query());
    api.get("/reports/user-cohort", ADMIN, ReportSubjects.USER_COHORT, Payload.query());
  }
}
