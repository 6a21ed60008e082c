package dev.shop.report.report;

import java.time.LocalDate;

/** The orders created on one UTC day (DISCARDED ones never count), by what they are now. */
record DaySales(LocalDate date, long orders, long paidOrders, long cancelledOrders, long revenueInt) {

  static DaySales none(LocalDate date) {
    return new DaySales(date, 0, 0, 0, 0);
  }
}
