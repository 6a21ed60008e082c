package dev.shop.report.report;

import io.vertx.core.json.JsonObject;

/** The users who signed up in one UTC month ({@code YYYY-MM}) and what they bought in the range. */
record Cohort(String month, long users, long buyers, long orders, long revenueInt) {

  JsonObject toJson() {
    return new JsonObject()
        .put("cohort", month)
        .put("users", users)
        .put("buyers", buyers)
        .put("orders", orders)
        .put("revenueInt", revenueInt);
  }
}
