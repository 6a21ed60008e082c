package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shop.common.testing.TestNats;
import dev.shop.common.testing.TestSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md is enough to join the bus from another language: a Node.js client
 * ({@code src/test/node/client.mjs}, the {@code nats} npm package, installed here with npm) calls
 * {@code product.getById} (found and not found, signed with the bus key; and unsigned, refused)
 * and {@code $SRV.INFO.product} on the platform's NATS server and gets the documented answers.
 */
class NodeClientProtocolTest extends ApiTest {

  private static final Path SOURCES = Path.of("src", "test", "node");
  private static final Path CLIENT = Path.of("target", "node-client");

  @Override
  protected BusKind bus() {
    return BusKind.NATS;
  }

  @Test
  void aNodeClientWrittenFromTheProtocolDocumentGetsTheDocumentedAnswers() throws Exception {
    installClient();
    String sku = "NODE-" + UUID.randomUUID().toString().substring(0, 8);
    Http.Response created = http.post("/products", new JsonObject().put("sku", sku).put("name", "Nồi cơm điện Node")
        .put("priceInt", 1_290_000).put("stock", 7), admin().accessToken());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String productId = created.json().getString("id");

    JsonObject seen = new JsonObject(run(List.of("node", "client.mjs", TestNats.url(), productId,
        TestSettings.BUS_SIGNING_KEY)));

    JsonObject found = seen.getJsonObject("found");
    assertThat(found.getString("status")).as("no Shop-Status header: 200").isNull();
    assertThat(found.getString("errorCode")).isNull();
    assertThat(found.getJsonObject("body").getString("id")).isEqualTo(productId);
    assertThat(found.getJsonObject("body").getString("name")).isEqualTo("Nồi cơm điện Node");
    assertThat(found.getJsonObject("body").getLong("priceInt")).isEqualTo(1_290_000);
    assertThat(found.getJsonObject("body").getInteger("stock")).isEqualTo(7);

    JsonObject missing = seen.getJsonObject("missing");
    assertThat(missing.getString("errorCode")).isEqualTo("404");
    assertThat(missing.getString("error")).isNotBlank();
    assertThat(missing.getJsonObject("body").getString("message")).isEqualTo(missing.getString("error"));

    JsonObject unsigned = seen.getJsonObject("unsigned");
    assertThat(unsigned.getString("errorCode")).as("a request without the caller signature").isEqualTo("401");

    JsonObject info = seen.getJsonObject("info");
    assertThat(info.getString("type")).isEqualTo("io.nats.micro.v1.info_response");
    assertThat(info.getString("name")).isEqualTo("product");
    JsonArray endpoints = info.getJsonArray("endpoints");
    assertThat(endpoints.stream().map(JsonObject.class::cast))
        .anySatisfy(endpoint -> {
          assertThat(endpoint.getString("subject")).isEqualTo("product.getById");
          assertThat(endpoint.getString("queue_group")).isEqualTo("product");
        });
  }

  /** Copies the client next to the build's output and installs its one dependency with npm. */
  private static void installClient() throws Exception {
    Files.createDirectories(CLIENT);
    for (String file : List.of("package.json", "client.mjs")) {
      Files.copy(SOURCES.resolve(file), CLIENT.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(CLIENT.resolve("node_modules").resolve("nats"))) {
      run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"));
    }
  }

  private static String run(List<String> command) throws Exception {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(CLIENT.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return fail("This test needs Node.js and npm on the PATH (" + command.get(0) + " was not found): install them "
          + "with 'sudo apt-get install nodejs npm' (Debian/Ubuntu), 'brew install node' (macOS), or from "
          + "https://nodejs.org");
    }
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return fail(String.join(" ", command) + " did not finish within 180 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output.lines().reduce((first, last) -> last).orElse("");
  }
}
