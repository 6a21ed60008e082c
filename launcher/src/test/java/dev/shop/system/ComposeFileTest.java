package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml read against the README's container steps, init.sql and ComposeContainersIT,
 * on machines without a Docker engine (ComposeContainersIT runs it where one is): what issue 26
 * found wrong on a real engine stays fixed.
 */
class ComposeFileTest {

  private static final List<String> NATS_NODES = List.of("nats-1", "nats-2", "nats-3");
  private static final String KEY = "deploy/secrets/jwt-private.pem";

  private final ComposeFile compose = ComposeFile.read();
  private final String readme = Repository.text("README.md");

  @Test
  void everyPlatformContainerWaitsForEveryNatsNodeAndTheRealPostgresql() {
    assertThat(compose.platformContainers()).hasSize(9);
    for (String container : compose.platformContainers()) {
      @SuppressWarnings("unchecked")
      Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) compose.service(container)
          .get("depends_on");
      assertThat(dependsOn).as(container + " depends on").containsKeys(NATS_NODES.toArray(String[]::new));
      assertThat(dependsOn.get("postgres")).as(container + " on postgres").containsEntry("condition", "service_healthy");
    }
  }

  @Test
  void postgresqlIsHealthyOnlyWhenTheRealServerAnswersInTheLastDatabaseInitSqlCreates() {
    Matcher created = Pattern.compile("CREATE DATABASE (\\w+);").matcher(Repository.text("deploy/postgres/init.sql"));
    String last = null;
    while (created.find()) {
      last = created.group(1);
    }
    @SuppressWarnings("unchecked")
    List<String> test = (List<String>) ((Map<String, Object>) compose.service("postgres").get("healthcheck")).get("test");
    String command = String.join(" ", test);
    // Over TCP: the entrypoint's temporary server (while init.sql runs) listens on the unix socket only.
    assertThat(command).contains("-h 127.0.0.1").contains("-d " + last);
  }

  @Test
  void containersRunOneInstanceEachAndTheEventStreamOnThreeNodes() {
    for (String container : compose.platformContainers()) {
      assertThat(compose.environment(container)).as(container)
          .containsEntry("SHOP_INSTANCES", "1").containsEntry("SHOP_EVENTS_REPLICAS", "3");
    }
    // ComposeContainersIT expects /health to count two product instances.
    assertThat(compose.platformContainers().stream()
        .filter(container -> "product".equals(compose.environment(container).get("SHOP_SERVICES")))).hasSize(2);
  }

  @Test
  void natsServersReadEachPasswordAsAStringAndTheServicesTheSamePassword() {
    for (String node : NATS_NODES) {
      Map<String, String> environment = compose.environment(node);
      assertThat(environment.keySet()).hasSize(8).allMatch(name -> name.matches("SHOP_NATS_[A-Z]+_PASSWORD"));
      environment.forEach((name, value) -> assertThat(value).as(node + " " + name)
          .startsWith("\"${" + name + ":-").endsWith("}\""));
    }
    for (String container : compose.platformContainers()) {
      Map<String, String> environment = compose.environment(container);
      String role = environment.get("SHOP_NATS_USER");
      assertThat(environment.get("SHOP_NATS_PASSWORD")).as(container)
          .isEqualTo(compose.environment("nats-1").get("SHOP_NATS_" + role.toUpperCase() + "_PASSWORD")
              .replaceAll("^\"|\"$", ""));
    }
  }

  @Test
  void theReadmeMakesTheKeyWhereComposeMountsItReadableByTheContainersUser() {
    @SuppressWarnings("unchecked")
    Map<String, Map<String, String>> secrets = (Map<String, Map<String, String>>) Repository.yaml("docker-compose.yml")
        .get("secrets");
    assertThat(secrets.get("jwt-private.pem")).containsEntry("file", "./" + KEY);
    assertThat(readme).contains("install -d -m 0700 deploy/secrets\n")
        .contains("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + KEY + "\n")
        .contains("chmod 0644 " + KEY)
        .contains("docker compose up --build\n");
    assertThat(Repository.text(".gitignore")).contains("deploy/secrets/\n").contains(".env\n");
  }

  @Test
  void theReadmeGeneratesEverySecretTheComposeFileReads() {
    Set<String> secrets = new TreeSet<>();
    Matcher variable = Pattern.compile("\\$\\{(SHOP_\\w+(PASSWORD|SECRET|KEY))").matcher(Repository.text("docker-compose.yml"));
    while (variable.find()) {
      secrets.add(variable.group(1));
    }
    assertThat(secrets).hasSize(12);
    Matcher generator = Pattern.compile("for name in ([A-Z_ \\\\\\n]+); do").matcher(readme);
    assertThat(generator.find()).as("the README's .env generator").isTrue();
    assertThat(new TreeSet<>(List.of(generator.group(1).replace("\\", " ").trim().split("\\s+")))).isEqualTo(secrets);
  }
}
