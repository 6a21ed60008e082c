package dev.shop.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the line coverage of the main code from JaCoCo's aggregate CSV: in total and per module
 * (group). Run by {@code mvn verify} after the report is written (launcher/pom.xml).
 */
public final class CoverageSummary {

  private CoverageSummary() {
  }

  public static void main(String[] args) throws IOException {
    Path csv = Path.of(args[0]);
    if (!Files.isRegularFile(csv)) {
      System.out.println("Line coverage: no report at " + csv + " (were the tests skipped?)");
      return;
    }
    List<String> rows = Files.readAllLines(csv);
    // GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,BRANCH_MISSED,BRANCH_COVERED,LINE_MISSED,LINE_COVERED,...
    Map<String, long[]> byModule = new TreeMap<>();
    long missed = 0;
    long covered = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",");
      long lineMissed = Long.parseLong(cells[7]);
      long lineCovered = Long.parseLong(cells[8]);
      // The group is "<report title>/<module>".
      String name = cells[0].substring(cells[0].lastIndexOf('/') + 1);
      long[] module = byModule.computeIfAbsent(name, group -> new long[2]);
      module[0] += lineMissed;
      module[1] += lineCovered;
      missed += lineMissed;
      covered += lineCovered;
    }
    System.out.printf("Line coverage of the main code: %.1f%% (%d of %d lines); report: %s%n",
        percent(covered, missed), covered, covered + missed, csv.resolveSibling("index.html"));
    byModule.forEach((module, lines) -> System.out.printf("  %-18s %5.1f%% (%d of %d lines)%n", module,
        percent(lines[1], lines[0]), lines[1], lines[0] + lines[1]));
  }

  private static double percent(long covered, long missed) {
    return covered + missed == 0 ? 0 : 100.0 * covered / (covered + missed);
  }
}
