package dev.shop.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/** The rows of a whole benchmark run, one JSON object per line, shared by the runs of every mode. */
final class Results {

  private final Path file;

  Results(Path file) {
    this.file = file;
  }

  void append(ScenarioResult row) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, row.toJson().encode() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<ScenarioResult> all() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank())
          .map(line -> ScenarioResult.fromJson(new JsonObject(line))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reference server's product-by-id row measured beside {@code mode}, if it was. */
  Optional<ScenarioResult> reference(String mode) {
    return all().stream().filter(row -> row.mode().equals(BenchRun.referenceMode(mode))
        && row.scenario().equals(BenchRun.PRODUCT_BY_ID)).reduce((first, last) -> last);
  }
}
