package dev.shop.bench;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of every process a request goes through, so that a scenario's cost can be split
 * among them: the platform's JVM, each database's backends, PostgreSQL's own processes (WAL
 * writer, checkpointer, autovacuum, the postmaster), nats-server and the generator. PostgreSQL's
 * processes are listed by the server itself ({@code pg_stat_activity}, with their database), and
 * each one's CPU read from {@code /proc}. A process that ends inside the window takes its CPU with
 * it (say, an autovacuum worker): the split is a lower bound by that much.
 */
final class CpuByProcess {

  /** The label of PostgreSQL's processes that serve no database. */
  static final String POSTGRES_OWN = "PostgreSQL's own";

  /** Each process's label and its CPU time so far, at one moment. */
  record Snapshot(Map<Long, String> labels, Map<Long, Long> micros) {
  }

  private CpuByProcess() {
  }

  /**
   * Now: {@code named} processes (label to pid; null pids left out) and every process of the
   * PostgreSQL server {@code database} is connected to.
   */
  static Future<Snapshot> take(ProductDatabase database, Map<String, Long> named) {
    return database.serverProcesses()
        .map(processes -> {
          Map<Long, String> labels = new HashMap<>();
          named.forEach((label, pid) -> {
            if (pid != null) {
              labels.put(pid, label);
            }
          });
          processes.forEach((pid, datname) -> {
            labels.put(pid, datname.isEmpty() ? POSTGRES_OWN : "db " + datname);
            Long parent = ProcessCpu.parent(pid);
            if (parent != null && parent > 1) {
              labels.putIfAbsent(parent, POSTGRES_OWN);
            }
          });
          Map<Long, Long> micros = new HashMap<>();
          labels.keySet().forEach(pid -> {
            long used = ProcessCpu.micros(pid);
            if (used >= 0) {
              micros.put(pid, used);
            }
          });
          return new Snapshot(labels, micros);
        });
  }

  /** CPU microseconds by label between two snapshots; a process born in between counts from 0. */
  static Map<String, Long> between(Snapshot before, Snapshot after) {
    Map<String, Long> byLabel = new TreeMap<>();
    after.micros().forEach((pid, used) -> byLabel.merge(after.labels().get(pid),
        used - before.micros().getOrDefault(pid, 0L), Long::sum));
    return byLabel;
  }

  /**
   * "CPU µs per request: the platform 612, db shop_order 380, ..., all 1,900", the labels in
   * {@code first}'s order, then the others by name.
   */
  static String note(Map<String, Long> byLabel, long requests, Iterable<String> first) {
    if (requests == 0 || byLabel.isEmpty()) {
      return "";
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    first.forEach(label -> {
      if (byLabel.containsKey(label)) {
        ordered.put(label, byLabel.get(label));
      }
    });
    byLabel.forEach(ordered::putIfAbsent);
    // A process that did nothing for the scenario (another service's idle database) is left out.
    ordered.values().removeIf(micros -> micros < requests);
    StringBuilder note = new StringBuilder("CPU µs per request by process:");
    long all = 0;
    for (Map.Entry<String, Long> entry : ordered.entrySet()) {
      note.append(' ').append(entry.getKey()).append(' ').append(entry.getValue() / requests).append(',');
      all += entry.getValue();
    }
    return note.append(" all ").append(all / requests).toString();
  }
}
