package dev.shop.e2e;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.testing.TestNats;
import dev.shop.launcher.Platform;
import io.nats.NatsServerRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * nats-server as the repository's {@code deploy/nats/nats-server.conf} configures it (a user per
 * JVM role, each with its own subjects), with test passwords for its
 * {@code $SHOP_NATS_<ROLE>_PASSWORD} references; and the settings each role's JVM connects with.
 */
public final class DocumentedNats {

  /** Every JVM role in start order (as one JVM starts them): the services, then the gateway. */
  public static final List<String> ROLES = roles();

  private DocumentedNats() {
  }

  /**
   * A server of its own with the documented configuration; each permissions violation it logs (a
   * line naming the user and subject) is added to {@code violations}. Close it.
   */
  public static NatsServerRunner start(Collection<String> violations) {
    Map<String, String> passwords = new LinkedHashMap<>();
    ROLES.forEach(role -> passwords.put("SHOP_NATS_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD", password(role)));
    return TestNats.configured(config(), passwords, line -> {
      if (line.contains("Violation")) {
        violations.add(line);
      }
    });
  }

  /** The settings a JVM running only {@code role} connects with: its user, password and inbox prefix. */
  public static Map<String, String> credentials(String role) {
    return Map.of(ConfigKeys.NATS_USER, role, ConfigKeys.NATS_PASSWORD, password(role),
        ConfigKeys.NATS_INBOX_PREFIX, inboxPrefix(role));
  }

  public static String password(String role) {
    return "test-" + role + "-nats-password";
  }

  public static String inboxPrefix(String role) {
    return "_INBOX_" + role;
  }

  private static List<String> roles() {
    List<String> roles = new ArrayList<>(ServiceNames.ALL);
    roles.add(Platform.GATEWAY);
    return List.copyOf(roles);
  }

  /** deploy/nats/nats-server.conf of the repository, found from the module's directory up. */
  private static Path config() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("deploy/nats/nats-server.conf");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("deploy/nats/nats-server.conf not found above " + Path.of("").toAbsolutePath());
  }
}
