package dev.shop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used so far (user plus system, all its threads), from
 * {@code /proc/<pid>/stat}. Unlike throughput it hardly depends on what else the machine runs, so
 * CPU time per request compares runs and builds where req/s is too noisy. Read synchronously on
 * the generator's loop: /proc is in memory, and the moment of the reading is what matters.
 */
final class ProcessCpu {

  /** Linux's USER_HZ, the unit of /proc's CPU times, is 100 on every mainstream kernel. */
  private static final long MICROS_PER_TICK = 10_000;

  private ProcessCpu() {
  }

  /** Microseconds of CPU used by {@code pid} so far, or -1 when it cannot be read (not Linux, process gone). */
  static long micros(Long pid) {
    String[] fields = statFields(pid);
    return fields == null ? -1 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MICROS_PER_TICK;
  }

  /** The parent of {@code pid}, or null when it cannot be read. */
  static Long parent(long pid) {
    String[] fields = statFields(pid);
    return fields == null ? null : Long.valueOf(fields[1]);
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name (field 3 first), or null. */
  private static String[] statFields(Long pid) {
    if (pid == null) {
      return null;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
