package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** A process's resident memory (VmRSS of /proc/<pid>/status), in megabytes. */
final class ResidentMemory {

  private ResidentMemory() {
  }

  static Future<Long> of(Vertx vertx, long pid) {
    return vertx.fileSystem().readFile("/proc/" + pid + "/status").map(status -> {
      for (String line : status.toString().split("\n")) {
        if (line.startsWith("VmRSS:")) {
          long kilobytes = Long.parseLong(line.replaceAll("\\D", ""));
          return Math.round(kilobytes / 1024.0);
        }
      }
      throw new IllegalStateException("No VmRSS for process " + pid);
    });
  }
}
