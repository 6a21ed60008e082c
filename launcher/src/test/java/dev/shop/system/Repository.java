package dev.shop.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Files of the repository the tests read as an operator would: found from the module's directory up. */
public final class Repository {

  private Repository() {
  }

  /** {@code relative} in the repository's root (the directory holding docker-compose.yml). */
  public static Path file(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
  }

  public static String text(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A YAML file of the repository as maps and lists (anchors and merge keys resolved). A key given
   * twice in one mapping is refused, as Docker Compose refuses it.
   */
  public static Map<String, Object> yaml(String relative) {
    LoaderOptions strict = new LoaderOptions();
    strict.setAllowDuplicateKeys(false);
    return new Yaml(strict).load(text(relative));
  }
}
