package dev.shop.contract.report;

/** The report service's subjects (docs/PROTOCOL.md, "report service"); only the gateway calls them. */
public final class ReportSubjects {

  public static final String SALES_SUMMARY = "report.salesSummary";
  public static final String PRODUCT_PERFORMANCE = "report.productPerformance";
  public static final String USER_COHORT = "report.userCohort";

  private ReportSubjects() {
  }
}
