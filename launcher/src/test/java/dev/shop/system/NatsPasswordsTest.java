package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.testing.TestNats;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nats-server reads each {@code $SHOP_NATS_<ROLE>_PASSWORD} of deploy/nats/nats-server.conf as a
 * configuration value: unquoted, a hex password such as {@code 0e163c1e…} is a number and the
 * server does not start (issue 26). Here the shipped configuration runs with passwords of every
 * risky kind, each passed to the server as docker-compose.yml passes it (in double quotes), and
 * every role connects with its password as the services get it (bare).
 */
class NatsPasswordsTest {

  /** One risky password per role. */
  private static final Map<String, String> PASSWORDS = risky();

  @Test
  void everyKindOfPasswordWorksWhenTheServerGetsItAsComposePassesIt() throws Exception {
    ComposeFile compose = ComposeFile.read();
    Map<String, String> environment = new LinkedHashMap<>();
    compose.environment("nats-1").forEach((name, value) ->
        environment.put(name, ComposeFile.interpolate(value, Map.of(name, PASSWORDS.get(role(name))))));
    try (Server server = Server.start(environment)) {
      assertThat(server.accepting()).as("nats-server started; its output:%n%s", server.output()).isTrue();
      PASSWORDS.forEach((role, password) -> {
        try (Connection connection = connect(server.url(), role, password)) {
          assertThat(connection.getStatus()).as(role + " with " + password).isEqualTo(Connection.Status.CONNECTED);
        } catch (Exception e) {
          throw new AssertionError(role + " refused with its password " + password + ": " + server.output(), e);
        }
        System.out.printf("nats password %-25s (%s) accepted%n", password, role);
      });
      assertThatThrownBy(() -> connect(server.url(), "gateway", PASSWORDS.get("user")).close())
          .as("a role with another's password").isInstanceOf(Exception.class);
    }
  }

  @Test
  void unquotedAHexPasswordReadAsANumberStopsTheServer() throws Exception {
    Map<String, String> environment = new LinkedHashMap<>();
    PASSWORDS.keySet().forEach(role -> environment.put(variable(role), "plain-" + role));
    environment.put(variable("gateway"), PASSWORDS.get("gateway"));
    try (Server server = Server.start(environment)) {
      assertThat(server.accepting()).isFalse();
      assertThat(server.output()).contains("SHOP_NATS_GATEWAY_PASSWORD").contains("could not be parsed");
    }
  }

  private static Connection connect(String url, String user, String password) throws Exception {
    return Nats.connect(new Options.Builder().server(url).userInfo(user, password).maxReconnects(0)
        .connectionTimeout(Duration.ofSeconds(5)).build());
  }

  private static Map<String, String> risky() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    Map<String, String> passwords = new LinkedHashMap<>();
    passwords.put("gateway", "0e163c1e5f2a9b7d04");      // hex that reads as a number (0 x 10^163...)
    passwords.put("user", "12345678901234567890");       // all digits
    passwords.put("product", "true");                    // a boolean
    passwords.put("cart", "q+8/Zx3Wm0f7Kp==");           // base64 with + / =
    passwords.put("order", "64k");                       // a size
    passwords.put("payment", "a,b;c}d e#f//g");          // separators, a space, comment signs
    passwords.put("report", HexFormat.of().formatHex(random)); // what README's generator makes
    passwords.put("ar", "-12.5e3");                      // a float
    return passwords;
  }

  private static String variable(String role) {
    return "SHOP_NATS_" + role.toUpperCase(Locale.ROOT) + "_PASSWORD";
  }

  private static String role(String variable) {
    return variable.substring("SHOP_NATS_".length(), variable.length() - "_PASSWORD".length()).toLowerCase(Locale.ROOT);
  }

  /** nats-server with the shipped configuration and {@code environment}, on a free port. */
  private record Server(Process process, int port, Path store, StringBuffer log, Thread reader) implements AutoCloseable {

    static Server start(Map<String, String> environment) throws IOException {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Path store = Files.createTempDirectory("nats-passwords");
      ProcessBuilder builder = new ProcessBuilder(TestNats.findExecutable(), "-c",
          Repository.file("deploy/nats/nats-server.conf").toString(), "-p", Integer.toString(port), "-sd",
          store.toString()).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      StringBuffer log = new StringBuffer();
      Thread reader = new Thread(() -> {
        try {
          process.getInputStream().transferTo(new java.io.OutputStream() {
            @Override
            public void write(int b) {
              log.append((char) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
              log.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }
          });
        } catch (IOException ended) {
          // the server stopped
        }
      });
      reader.setDaemon(true);
      reader.start();
      return new Server(process, port, store, log, reader);
    }

    /** Waits (up to 30 s) until the server accepts connections, or has exited: false then. */
    boolean accepting() throws InterruptedException {
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        try (Socket probe = new Socket()) {
          probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
          return true;
        } catch (IOException notYet) {
          if (!process.isAlive()) {
            process.waitFor();
            return false;
          }
          Thread.sleep(50);
        }
      }
      return false;
    }

    String url() {
      return "nats://127.0.0.1:" + port;
    }

    /** What the server wrote so far (all of it, once it has exited). */
    String output() {
      if (!process.isAlive()) {
        try {
          reader.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return log.toString();
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      process.waitFor();
      try (var files = Files.walk(store)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
