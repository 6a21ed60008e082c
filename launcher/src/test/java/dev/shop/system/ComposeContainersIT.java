package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.e2e.Http;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * {@code mvn verify -Pcontainers}, where Docker runs: builds the image from the Dockerfile, starts
 * docker-compose.yml (three NATS nodes, PostgreSQL, every service in its container, two product
 * replicas, the gateway) and runs the smoke scenario through the gateway. Not part of the default
 * build: the machines of this project have no Docker engine, so {@code MultiJvmIT} starts the same
 * topology as plain processes.
 */
class ComposeContainersIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path SECRETS = ROOT.resolve("deploy").resolve("secrets");
  private static final Path KEY = SECRETS.resolve("jwt-private.pem");
  private static final String ADMIN_EMAIL = "admin@shop.local";
  private static final String ADMIN_PASSWORD = "containers-admin-1";

  @Test
  void theComposeFileRunsTheShop() throws Exception {
    writeSigningKeyIfMissing();
    assertThat(Files.getPosixFilePermissions(KEY)).as(KEY + " must be readable by the container's user (uid 10001):"
        + " chmod 0644 it, as README.md, \"Containers\", says").contains(PosixFilePermission.OTHERS_READ);
    ComposeContainer compose = new ComposeContainer(ROOT.resolve("docker-compose.yml").toFile())
        .withBuild(true)
        .withEnv("SHOP_ADMIN_EMAIL", ADMIN_EMAIL)
        .withEnv("SHOP_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .withExposedService("gateway", 3000, Wait.forHttp("/health").forStatusCode(200)
            .withStartupTimeout(Duration.ofMinutes(10)));
    compose.start();
    try {
      Http http = new Http(compose.getServiceHost("gateway", 3000), compose.getServicePort("gateway", 3000));
      SmokeScenario.run(http, ADMIN_EMAIL, ADMIN_PASSWORD);
      assertThat(http.get("/health", null).json().getJsonObject("services").getJsonObject("product")
          .getInteger("instances")).as("two product containers of one instance each (SHOP_INSTANCES)").isEqualTo(2);
    } finally {
      compose.stop();
    }
  }

  /**
   * The user service signs tokens with deploy/secrets/jwt-private.pem (a compose secret), made as
   * README.md, "Containers", says: the directory 0700, the key 0644 (a bind-mounted file keeps its
   * host mode, and the container's user is not its owner).
   */
  private static void writeSigningKeyIfMissing() throws Exception {
    if (Files.exists(KEY)) {
      return;
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    if (!Files.isDirectory(SECRETS)) {
      Files.createDirectories(SECRETS, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.writeString(KEY, pem);
    Files.setPosixFilePermissions(KEY, PosixFilePermissions.fromString("rw-r--r--"));
  }
}
