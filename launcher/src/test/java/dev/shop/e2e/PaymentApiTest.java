package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.testing.TestSettings;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Helpers of the payment contracts: paying as a client does, notifying as the provider does. */
abstract class PaymentApiTest extends OrderApiTest {

  static final java.util.List<String> PAYMENT_FIELDS = java.util.List.of("id", "orderId", "method", "amountInt",
      "status", "payload", "createdAt", "updatedAt");

  protected Http.Response process(Session user, JsonObject order, String method) {
    return http.post("/payments/process", new JsonObject().put("orderId", order.getString("id")).put("method", method),
        user.accessToken());
  }

  /** A payment started, expected to be created: the answer of process. */
  protected JsonObject paid(Session user, JsonObject order, String method) {
    Http.Response response = process(user, order, method);
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.json();
  }

  /** The provider's notice as it sends it: the exact body and its signature. */
  protected Http.Response notify(String orderId, String transactionId, long amountInt, String status) {
    String body = notice(orderId, transactionId, amountInt, status);
    return webhook(body, signature(body));
  }

  static String notice(String orderId, String transactionId, long amountInt, String status) {
    return new JsonObject().put("orderId", orderId).put("payload", new JsonObject()
        .put("transactionId", transactionId).put("amountInt", amountInt).put("status", status)).encode();
  }

  /**
   * Pays {@code order} by bank transfer as its customer ({@code token}) and the provider do, and
   * waits until the order is PAID.
   */
  static void payByTransfer(Http http, String token, JsonObject order) {
    String orderId = order.getString("id");
    Http.Response payment = http.post("/payments/process", new JsonObject().put("orderId", orderId)
        .put("method", "SePay"), token);
    assertThat(payment.status()).as(payment.toString()).isEqualTo(201);
    String notice = notice(orderId, "TX-" + java.util.UUID.randomUUID(), order.getLong("totalInt"), "SUCCESS");
    Http.Response verified = http.send("POST", "/payments/verify", notice, null,
        Map.of("X-Webhook-Signature", signature(notice)));
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    eventually(() -> http.get("/orders/" + orderId, token).json().getString("status"), "PAID");
  }

  protected Http.Response webhook(String body, String signature) {
    return http.send("POST", "/payments/verify", body, null,
        signature == null ? Map.of() : Map.of("X-Webhook-Signature", signature));
  }

  static String signature(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(TestSettings.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected JsonObject payment(String paymentId, Session viewer) {
    Http.Response response = http.get("/payments/" + paymentId, viewer.accessToken());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  protected String orderStatus(JsonObject order, Session viewer) {
    return http.get("/orders/" + order.getString("id"), viewer.accessToken()).json().getString("status");
  }

  /** Waits for an effect carried by events (a few seconds at most), then asserts it. */
  static <T> T eventually(Supplier<T> value, T expected) {
    long deadline = System.currentTimeMillis() + 15_000;
    T seen = value.get();
    while (!expected.equals(seen) && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      seen = value.get();
    }
    assertThat(seen).isEqualTo(expected);
    return seen;
  }
}
