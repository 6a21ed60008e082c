package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.TestSettings;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the end-to-end contract tests. Each contract is abstract and runs twice, nested in
 * {@link OverNatsTest} and in {@link OverLocalBusTest}. Helpers here speak the contract as a client would.
 */
public abstract class ApiTest {

  protected Http http;

  /** The bus this run goes over; {@link OverNatsTest} and {@link OverLocalBusTest} choose. */
  protected abstract BusKind bus();

  @BeforeEach
  void connect() {
    http = RunningPlatform.shared(bus()).http();
  }

  /** A user as a test sees it after registering and logging in. */
  public record Session(String userId, String email, String password, String accessToken, String refreshToken) {
  }

  protected static String uniqueEmail(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  protected Session register(String name) {
    String email = uniqueEmail(name);
    String password = "password-" + name;
    Http.Response response = http.post("/auth/register",
        new JsonObject().put("email", email).put("password", password).put("fullName", name), null);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return session(response.json(), email, password);
  }

  protected Session login(String email, String password) {
    Http.Response response = http.post("/auth/login", new JsonObject().put("email", email).put("password", password), null);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return session(response.json(), email, password);
  }

  protected Session admin() {
    return login(TestSettings.ADMIN_EMAIL, TestSettings.ADMIN_PASSWORD);
  }

  private static Session session(JsonObject auth, String email, String password) {
    return new Session(auth.getJsonObject("user").getString("id"), email, password, auth.getString("accessToken"),
        auth.getString("refreshToken"));
  }

  /** Asserts the contract's error shape and answers it. */
  protected static JsonObject assertError(Http.Response response, int status, String path) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonObject error = response.json();
    assertThat(error.getInteger("statusCode")).isEqualTo(status);
    assertThat(error.getString("error")).isNotBlank();
    assertThat(error.getString("message")).isNotBlank();
    assertThat(error.getString("path")).isEqualTo(path);
    assertThat(error.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(error.getString("requestId")).isEqualTo(response.header("X-Request-Id"));
    assertThat(error.getJsonArray("details")).isNotNull();
    return error;
  }

  /** The fields named in an error's details. */
  protected static java.util.List<String> detailFields(JsonObject error) {
    return error.getJsonArray("details").stream().map(d -> ((JsonObject) d).getString("field")).toList();
  }

  /** Runs {@code count} requests at once (released together) and answers their results in order. */
  protected static <T> List<T> inParallel(int count, IntFunction<T> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        answers.add(pool.submit(() -> {
          start.await();
          return request.apply(index);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> answer : answers) {
        results.add(answer.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  static long countStatus(List<Http.Response> responses, int status) {
    return responses.stream().filter(r -> r.status() == status).count();
  }
}
