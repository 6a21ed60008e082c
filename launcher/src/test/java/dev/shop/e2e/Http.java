package dev.shop.e2e;

import dev.shop.common.testing.TestSettings;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A small blocking HTTP client for tests, speaking JSON to the gateway. Every answer it gets must
 * be one the OpenAPI document allows ({@link DocumentedAnswers}), else the test fails.
 */
public final class Http {

  private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String host;
  private final int port;
  private final String base;

  public Http(int port) {
    this("localhost", port);
  }

  public Http(String host, int port) {
    this.host = host;
    this.port = port;
    this.base = "http://" + host + ":" + port;
  }

  /** Logs the start-up administrator in (TestSettings' credentials): its access token. */
  public String adminToken() {
    return post("/auth/login", new JsonObject().put("email", TestSettings.ADMIN_EMAIL)
        .put("password", TestSettings.ADMIN_PASSWORD), null).json().getString("accessToken");
  }

  /** Registers a new customer, its email unique under {@code emailPrefix}: its access token. */
  public String newCustomerToken(String emailPrefix, String fullName) {
    return post("/auth/register", new JsonObject().put("email", emailPrefix + "-" + UUID.randomUUID() + "@example.com")
        .put("password", "password-1").put("fullName", fullName), null).json().getString("accessToken");
  }

  /** An answer: status, headers and the body as bytes and as text (JSON helpers below). */
  public record Response(int status, HttpHeaders headers, byte[] bytes) {

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public JsonObject json() {
      return new JsonObject(text());
    }

    public JsonArray array() {
      return new JsonArray(text());
    }

    public Object value() {
      return Json.decodeValue(text());
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  public Response get(String path, String token) {
    return send("GET", path, null, token, Map.of());
  }

  public Response post(String path, Object body, String token) {
    return send("POST", path, body, token, Map.of());
  }

  public Response put(String path, Object body, String token) {
    return send("PUT", path, body, token, Map.of());
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, null, token, Map.of());
  }

  /** Any request; {@code body} is JSON-encoded unless it is a String, which is sent as is. */
  public Response send(String method, String path, Object body, String token, Map<String, String> headers) {
    String payload = body == null ? null : body instanceof String s ? s : Json.encode(body);
    return sendBytes(method, path, payload == null ? null : payload.getBytes(StandardCharsets.UTF_8), token, headers);
  }

  /** Any request with exactly these body bytes (null: none), JSON's content type unless one is given. */
  public Response sendBytes(String method, String path, byte[] body, String token, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return documented(method, path, new Response(response.statusCode(), response.headers(), response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A request whose target is sent exactly as given, even where it is no valid URI (a stray
   * {@code %}, a line over the limit), which {@link HttpClient} refuses to send; the connection closes after it.
   */
  public Response sendRaw(String method, String target) {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      String text = new String(answer, StandardCharsets.ISO_8859_1);
      int headEnd = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, headEnd).split("\r\n");
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.computeIfAbsent(lines[i].substring(0, colon).trim(), name -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
      return documented(method, target, new Response(Integer.parseInt(lines[0].split(" ")[1]),
          HttpHeaders.of(headers, (name, value) -> true), body));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + target + " failed", e);
    }
  }

  /** Every answer is held against the OpenAPI document (DocumentedAnswers) before a test sees it. */
  private static Response documented(String method, String target, Response response) {
    DocumentedAnswers.check(method, target, response);
    return response;
  }
}
