package dev.shop.bench;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one scenario in one mode. {@code errors} counts answers that were not 2xx by
 * status code, plus {@code connection} and {@code timeout} failures, over the whole run (warm-up
 * included); {@code requests} and the percentiles cover the measured window only.
 * {@code oversoldUnits} is set for the scenarios that check out, {@code rssMb} when the platform's
 * process was watched, {@code cpuUsPerRequest} (the server process's CPU time in the window over
 * its requests) when the server's process was known; {@code notes} says anything else worth a
 * reader's eye; {@code flashSale} holds the flash sale's own figures, on its row only.
 */
record ScenarioResult(String scenario, String mode, String load, long requests, double seconds, double p50Ms,
    double p99Ms, double p999Ms, Map<String, Long> errors, Long oversoldUnits, Long rssMb, Double cpuUsPerRequest,
    String notes, FlashSale.Figures flashSale) {

  double requestsPerSecond() {
    return seconds <= 0 ? 0 : requests / seconds;
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  long serverErrors() {
    return errors.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  ScenarioResult with(Long oversold, Long rss, String moreNotes) {
    String joined = notes.isEmpty() ? moreNotes : moreNotes.isEmpty() ? notes : notes + "; " + moreNotes;
    return new ScenarioResult(scenario, mode, load, requests, seconds, p50Ms, p99Ms, p999Ms, errors,
        oversold == null ? oversoldUnits : oversold, rss == null ? rssMb : rss, cpuUsPerRequest, joined, flashSale);
  }

  JsonObject toJson() {
    return new JsonObject().put("scenario", scenario).put("mode", mode).put("load", load)
        .put("requests", requests).put("seconds", seconds).put("p50Ms", p50Ms).put("p99Ms", p99Ms)
        .put("p999Ms", p999Ms).put("errors", new JsonObject(Map.copyOf(errors)))
        .put("oversoldUnits", oversoldUnits).put("rssMb", rssMb).put("cpuUsPerRequest", cpuUsPerRequest)
        .put("notes", notes).put("flashSale", flashSale == null ? null : flashSale.toJson());
  }

  static ScenarioResult fromJson(JsonObject json) {
    Map<String, Long> errors = new TreeMap<>();
    json.getJsonObject("errors").forEach(entry -> errors.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
    return new ScenarioResult(json.getString("scenario"), json.getString("mode"), json.getString("load"),
        json.getLong("requests"), json.getDouble("seconds"), json.getDouble("p50Ms"), json.getDouble("p99Ms"),
        json.getDouble("p999Ms"), errors, json.getLong("oversoldUnits"), json.getLong("rssMb"),
        json.getDouble("cpuUsPerRequest"), json.getString("notes", ""),
        FlashSale.Figures.fromJson(json.getJsonObject("flashSale")));
  }
}
