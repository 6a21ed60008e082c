package dev.shop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The run's rows as one markdown table, then issue 8's targets checked against them. */
final class Report {

  private final List<ScenarioResult> rows;

  Report(List<ScenarioResult> rows) {
    this.rows = rows;
  }

  /** One line per scenario as it finishes, for whoever watches the run. */
  static String progressLine(ScenarioResult row) {
    return String.format(Locale.ROOT,
        "%-18s %-16s %-12s %9.0f req/s  p50 %7.2f  p99 %7.2f  p99.9 %7.2f ms  errors %s  CPU %s µs/req%s",
        row.scenario(), row.mode(), row.load(), row.requestsPerSecond(), row.p50Ms(), row.p99Ms(), row.p999Ms(),
        errors(row), cpu(row), notes(row).isEmpty() ? "" : "  (" + notes(row) + ")");
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| scenario | mode | load | req/s | p50 ms | p99 ms | p99.9 ms | errors | CPU µs/req | × reference "
        + "| × product-by-id | notes |\n");
    out.append("|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
    for (ScenarioResult row : rows) {
      Optional<ScenarioResult> reference = reference(BenchRun.platformMode(row.mode()));
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s |\n",
          row.scenario(), row.mode(), row.load(), row.requestsPerSecond(), row.p50Ms(), row.p99Ms(), row.p999Ms(),
          errors(row), cpu(row), reference.map(ref -> ratio(row, ref)).orElse("–"), byIdRatio(row), notes(row)));
    }
    out.append("\n").append(targets());
    return out.toString();
  }

  /** Issue 8's targets, each with what this run measured. */
  private String targets() {
    List<String[]> lines = new ArrayList<>();
    for (String mode : List.of("dev", "nats")) {
      Optional<ScenarioResult> reference = reference(mode);
      Optional<ScenarioResult> byId = find(mode, BenchRun.PRODUCT_BY_ID);
      double share = mode.equals("dev") ? 0.9 : 0.6;
      if (byId.isPresent() && reference.isPresent()) {
        double measured = byId.get().requestsPerSecond() / reference.get().requestsPerSecond();
        lines.add(target("product by id ≥ " + share + " × reference", mode, format(measured) + " ×", measured >= share));
      }
      Optional<ScenarioResult> referenceOpen = find(BenchRun.referenceMode(mode), BenchRun.OPEN);
      find(mode, BenchRun.OPEN).ifPresent(open -> lines.add(target("open model at 0.4 × reference: p99 ≤ 10 ms, no errors",
          mode, String.format(Locale.ROOT, "p99 %.2f ms, %d errors%s", open.p99Ms(), open.errorCount(),
              referenceOpen.map(ref -> String.format(Locale.ROOT, " (the reference server at that rate: p99 %.2f ms)",
                  ref.p99Ms())).orElse("")),
          open.p99Ms() <= 10 && open.errorCount() == 0)));
      byId.ifPresent(base -> {
        find(mode, BenchRun.LISTING).ifPresent(listing -> {
          double measured = listing.requestsPerSecond() / base.requestsPerSecond();
          boolean exact = listing.notes().contains("total exact");
          lines.add(target("listing ≥ 0.5 × by id, p99 ≤ 2 × its p99, total exact", mode,
              String.format(Locale.ROOT, "%s ×, p99 %.2f vs %.2f ms, %s", format(measured), listing.p99Ms(),
                  2 * base.p99Ms(), exact ? "total exact" : "total NOT exact"),
              measured >= 0.5 && listing.p99Ms() <= 2 * base.p99Ms() && exact));
        });
        find(mode, BenchRun.SEARCH).ifPresent(search -> {
          double measured = search.requestsPerSecond() / base.requestsPerSecond();
          lines.add(target("search ≥ 0.25 × by id", mode, format(measured) + " ×", measured >= 0.25));
        });
        find(mode, BenchRun.CHECKOUT).ifPresent(checkout -> {
          double measured = checkout.requestsPerSecond() / base.requestsPerSecond();
          long oversold = checkout.oversoldUnits() == null ? -1 : checkout.oversoldUnits();
          String floor = find(BenchRun.postgresMode(mode), BenchRun.CHECKOUT_FLOOR)
              .map(sqlOnly -> " (a checkout's SQL alone, on PostgreSQL: " + format(sqlOnly.requestsPerSecond()
                  / base.requestsPerSecond()) + " ×)")
              .orElse("");
          lines.add(target("checkout: 0 oversold, 0 5xx, ≥ 0.25 × by id", mode,
              String.format(Locale.ROOT, "%d oversold, %d 5xx, %s ×%s", oversold, checkout.serverErrors(),
                  format(measured), floor),
              oversold == 0 && checkout.serverErrors() == 0 && measured >= 0.25));
        });
      });
      find(mode, BenchRun.MIXED_MANY).ifPresent(many -> lines.add(target("1,000 shoppers, mixed: 0 errors, p99 < 200 ms",
          mode, String.format(Locale.ROOT, "%d errors, p99 %.2f ms", many.errorCount(), many.p99Ms()),
          many.errorCount() == 0 && many.p99Ms() < 200)));
    }
    find("dev", BenchRun.MIXED).filter(mixed -> mixed.rssMb() != null).ifPresent(mixed -> lines.add(target(
        "one JVM ≤ 400 MB resident after the mixed journey", "dev", mixed.rssMb() + " MB", mixed.rssMb() <= 400)));
    StringBuilder out = new StringBuilder("| target (issue 8) | mode | measured | met |\n|---|---|---|---|\n");
    lines.forEach(line -> out.append("| ").append(String.join(" | ", line)).append(" |\n"));
    return out.toString();
  }

  private static String[] target(String what, String mode, String measured, boolean met) {
    return new String[] {what, mode, measured, met ? "yes" : "**no**"};
  }

  /** The reference server's product by id measured beside the platform in {@code mode}. */
  private Optional<ScenarioResult> reference(String mode) {
    return find(BenchRun.referenceMode(mode), BenchRun.PRODUCT_BY_ID);
  }

  private Optional<ScenarioResult> find(String mode, String scenario) {
    return rows.stream().filter(row -> row.mode().equals(mode) && row.scenario().equals(scenario))
        .reduce((first, last) -> last);
  }

  private static String ratio(ScenarioResult row, ScenarioResult reference) {
    return reference.requestsPerSecond() == 0 ? "–" : format(row.requestsPerSecond() / reference.requestsPerSecond());
  }

  /** Issue 8 compares listing, search and checkout with product by id in the same mode. */
  private String byIdRatio(ScenarioResult row) {
    if (!List.of(BenchRun.LISTING, BenchRun.SEARCH, BenchRun.CHECKOUT, BenchRun.CHECKOUT_FLOOR)
        .contains(row.scenario())) {
      return "";
    }
    return find(BenchRun.platformMode(row.mode()), BenchRun.PRODUCT_BY_ID).map(byId -> ratio(row, byId)).orElse("–");
  }

  private static String cpu(ScenarioResult row) {
    return row.cpuUsPerRequest() == null ? "–" : String.format(Locale.ROOT, "%.0f", row.cpuUsPerRequest());
  }

  private static String errors(ScenarioResult row) {
    if (row.errors().isEmpty()) {
      return "0";
    }
    return row.errors().entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
  }

  private static String notes(ScenarioResult row) {
    List<String> notes = new ArrayList<>();
    if (row.oversoldUnits() != null) {
      notes.add("oversold " + row.oversoldUnits() + ", 5xx " + row.serverErrors());
    }
    if (row.rssMb() != null) {
      notes.add("RSS " + row.rssMb() + " MB");
    }
    if (!row.notes().isEmpty()) {
      notes.add(row.notes());
    }
    return String.join("; ", notes);
  }

  private static String format(double ratio) {
    return String.format(Locale.ROOT, "%.2f", ratio);
  }
}
