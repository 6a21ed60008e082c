package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar (target/shop-server.jar, the container image's) carries no embedded
 * PostgreSQL, and started in dev mode without database URLs it says what to set rather than
 * failing on a missing class. MultiJvmIT runs every service from it.
 */
class ServerJarIT {

  private static final Path SERVER_JAR = Path.of("target", "shop-server.jar");

  @Test
  void theServerJarCarriesNoPostgresqlBinariesNorTheEmbeddedServer() throws Exception {
    try (ZipFile jar = new ZipFile(SERVER_JAR.toFile())) {
      List<String> embedded = jar.stream().map(entry -> entry.getName())
          .filter(name -> name.startsWith("io/zonky/") || name.endsWith(".txz")).toList();
      assertThat(embedded).isEmpty();
      assertThat(jar.getEntry("dev/shop/launcher/Main.class")).isNotNull();
    }
  }

  @Test
  void inDevModeWithoutDatabaseUrlsItStopsSayingWhatToSet(@TempDir Path directory) throws Exception {
    Map<String, String> environment = Map.of("PORT", "0", "SHOP_DATA_DIR", directory.resolve("data").toString());
    Path log = directory.resolve("server-jar.log");
    try (JarProcess process = JarProcess.start("server-jar", SERVER_JAR, List.of("-Xmx128m"), List.of(), environment,
        log)) {
      assertThat(process.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    }
    String logged = Files.readString(log);
    assertThat(logged).contains("This jar (shop-server.jar) has no embedded PostgreSQL: set SHOP_USER_DB_URL")
        .doesNotContain("ClassNotFoundException").doesNotContain("NoClassDefFoundError");
  }
}
