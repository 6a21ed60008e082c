package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract's "Payments" (openapi.json): paying an order, the provider's webhook, reading payments, refunds, COD. */
abstract class PaymentsApiContract extends PaymentApiTest {

  @Test
  void cashOnDeliveryIsPendingAndASecondProcessAnswersTheSamePayment() {
    Session buyer = register("cod");
    JsonObject order = order(buyer, items(line(stocked(5, 120_000), 2)));

    JsonObject first = paid(buyer, order, "COD");
    assertThat(first.fieldNames()).containsExactlyInAnyOrder("paymentId", "status", "paymentUrl", "qrCode", "message");
    assertThat(first.getString("status")).isEqualTo("PENDING");
    assertThat(first.getValue("paymentUrl")).isNull();
    assertThat(first.getValue("qrCode")).isNull();

    Http.Response again = process(buyer, order, "COD");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().getString("paymentId")).isEqualTo(first.getString("paymentId"));

    JsonObject payment = payment(first.getString("paymentId"), buyer);
    assertThat(payment.fieldNames()).containsExactlyInAnyOrderElementsOf(PAYMENT_FIELDS);
    assertThat(payment.getString("orderId")).isEqualTo(order.getString("id"));
    assertThat(payment.getString("method")).isEqualTo("COD");
    assertThat(payment.getLong("amountInt")).isEqualTo(240_000L);
    assertThat(payment.getString("status")).isEqualTo("PENDING");
    assertThat(payment.getValue("payload")).isNull();
    Http.Response byOrder = http.get("/payments/order/" + order.getString("id"), buyer.accessToken());
    assertThat(byOrder.status()).isEqualTo(200);
    assertThat(byOrder.json()).isEqualTo(payment);
  }

  @Test
  void sePayAnswersAQrCodeAndALinkWithTheAmountAndAUniqueReference() {
    Session buyer = register("sepay");
    JsonObject order = order(buyer, items(line(stocked(5, 99_000), 1)));
    JsonObject started = paid(buyer, order, "SePay");
    String qr = started.getString("qrCode");
    String url = started.getString("paymentUrl");
    assertThat(qr).startsWith("000201").contains("A000000727").contains("540599000").contains("5802VN");
    String reference = url.replaceAll(".*[?&]des=([A-Z0-9]+).*", "$1");
    assertThat(reference).startsWith("SHOP").hasSize(16);
    assertThat(qr).contains(reference);
    assertThat(url).contains("amount=99000").contains("acc=0011223344");
    assertThat(started.getString("message")).contains(reference);

    JsonObject other = order(buyer, items(line(stocked(5, 99_000), 1)));
    assertThat(paid(buyer, other, "SePay").getString("paymentUrl")).doesNotContain("des=" + reference);
  }

  @Test
  void aSignedSuccessOfTheRightAmountPaysThePaymentAndTheOrderOnce() {
    Session buyer = register("webhook");
    JsonObject order = order(buyer, items(line(stocked(5, 50_000), 3)));
    String paymentId = paid(buyer, order, "SePay").getString("paymentId");
    String transaction = "TX-" + UUID.randomUUID();

    Http.Response verified = notify(order.getString("id"), transaction, 150_000, "SUCCESS");
    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    JsonObject answer = verified.json();
    assertThat(answer.fieldNames()).containsExactlyInAnyOrder("paymentId", "orderId", "status", "verified",
        "transactionId", "message");
    assertThat(answer.getString("paymentId")).isEqualTo(paymentId);
    assertThat(answer.getString("status")).isEqualTo("SUCCESS");
    assertThat(answer.getBoolean("verified")).isTrue();
    assertThat(answer.getString("transactionId")).isEqualTo(transaction);

    JsonObject payment = payment(paymentId, buyer);
    assertThat(payment.getString("status")).isEqualTo("SUCCESS");
    assertThat(payment.getJsonObject("payload").getString("transactionId")).isEqualTo(transaction);
    eventually(() -> orderStatus(order, buyer), "PAID");

    // The same transaction again: 200, nothing changes.
    Http.Response repeat = notify(order.getString("id"), transaction, 150_000, "SUCCESS");
    assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
    assertThat(repeat.json().getString("status")).isEqualTo("SUCCESS");
    assertThat(payment(paymentId, buyer)).isEqualTo(payment);
    // Paid: processing again is a conflict, whatever the method.
    assertError(process(buyer, order, "COD"), 409, "/payments/process");
  }

  @Test
  void aWrongAmountOrAFailedNoticeFailsThePaymentAndANewOneCanBeMade() {
    Session buyer = register("wrongamount");
    JsonObject order = order(buyer, items(line(stocked(5, 70_000), 1)));
    String first = paid(buyer, order, "SePay").getString("paymentId");
    Http.Response short_ = notify(order.getString("id"), "TX-" + UUID.randomUUID(), 69_999, "SUCCESS");
    assertThat(short_.status()).as(short_.toString()).isEqualTo(200);
    assertThat(short_.json().getString("status")).isEqualTo("FAILED");
    assertThat(short_.json().getBoolean("verified")).isFalse();
    assertThat(payment(first, buyer).getString("status")).isEqualTo("FAILED");

    String second = paid(buyer, order, "SePay").getString("paymentId");
    assertThat(second).isNotEqualTo(first);
    Http.Response refused = notify(order.getString("id"), "TX-" + UUID.randomUUID(), 70_000, "FAILED");
    assertThat(refused.json().getString("status")).isEqualTo("FAILED");
    assertThat(http.get("/payments/order/" + order.getString("id"), buyer.accessToken()).json().getString("id"))
        .isEqualTo(second);
    assertThat(orderStatus(order, buyer)).isEqualTo("PENDING");
  }

  @Test
  void theWebhookNeedsAValidSignatureOrAnAdministrator() {
    Session buyer = register("signature");
    JsonObject order = order(buyer, items(line(stocked(5, 10_000), 1)));
    paid(buyer, order, "SePay");
    String body = notice(order.getString("id"), "TX-" + UUID.randomUUID(), 10_000, "SUCCESS");

    assertError(webhook(body, null), 401, "/payments/verify");
    assertError(webhook(body, "sha256=" + "00".repeat(32)), 401, "/payments/verify");
    assertError(webhook(body, "sha256=not-hex"), 401, "/payments/verify");
    assertError(webhook(body, signature(body).toUpperCase().replace("SHA256=", "md5=")), 401, "/payments/verify");
    // A signature of another body (the amount changed in transit).
    assertError(webhook(body.replace("10000", "1"), signature(body)), 401, "/payments/verify");
    // A customer is no provider.
    assertError(http.send("POST", "/payments/verify", body, buyer.accessToken(), Map.of()), 401, "/payments/verify");
    // A bad token is refused even with a valid signature.
    assertError(http.send("POST", "/payments/verify", body, "forged.token.here",
        Map.of("X-Webhook-Signature", signature(body))), 401, "/payments/verify");
    assertThat(http.get("/payments/order/" + order.getString("id"), buyer.accessToken()).json().getString("status"))
        .isEqualTo("PENDING");

    Http.Response byAdmin = http.send("POST", "/payments/verify", body, adminToken, Map.of());
    assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
    assertThat(byAdmin.json().getString("status")).isEqualTo("SUCCESS");
  }

  @Test
  void theWebhookValidatesItsBodyAndKnowsOnlyOrdersWithAPayment() {
    Session buyer = register("webhookbody");
    JsonObject unpaid = order(buyer, items(line(stocked(5, 10_000), 1)));
    assertError(notify(UUID.randomUUID().toString(), "TX-1", 10_000, "SUCCESS"), 404, "/payments/verify");
    assertError(notify("not-an-id", "TX-2", 10_000, "SUCCESS"), 404, "/payments/verify");
    assertError(notify(unpaid.getString("id"), "TX-3", 10_000, "SUCCESS"), 404, "/payments/verify");

    String missing = new JsonObject().put("orderId", unpaid.getString("id")).put("payload", new JsonObject()
        .put("amountInt", "ten").put("status", "MAYBE")).put("extra", 1).encode();
    JsonObject error = assertError(webhook(missing, signature(missing)), 400, "/payments/verify");
    assertThat(detailFields(error)).containsExactlyInAnyOrder("extra", "payload.transactionId", "payload.amountInt",
        "payload.status");
    String notAnObject = "[1,2]";
    assertError(http.send("POST", "/payments/verify", notAnObject, null,
        Map.of("X-Webhook-Signature", signature(notAnObject))), 400, "/payments/verify");
  }

  @Test
  void processChecksTheOrderItsOwnerItsStatusAndTheAmount() {
    Session buyer = register("processrules");
    Session stranger = register("stranger");
    JsonObject order = order(buyer, items(line(stocked(5, 30_000), 2)));
    String path = "/payments/process";

    assertError(http.post(path, new JsonObject().put("orderId", order.getString("id")).put("method", "COD"), null),
        401, path);
    assertError(process(stranger, order, "COD"), 404, path);
    assertError(http.post(path, new JsonObject().put("orderId", UUID.randomUUID().toString()).put("method", "COD"),
        buyer.accessToken()), 404, path);
    assertError(http.post(path, new JsonObject().put("orderId", "nope").put("method", "COD"), buyer.accessToken()),
        404, path);
    assertThat(detailFields(assertError(http.post(path, new JsonObject().put("orderId", order.getString("id"))
        .put("method", "CARD").put("userId", stranger.userId()), buyer.accessToken()), 400, path)))
        .containsExactlyInAnyOrder("method", "userId");
    assertThat(detailFields(assertError(http.post(path, new JsonObject(), buyer.accessToken()), 400, path)))
        .containsExactlyInAnyOrder("orderId", "method");
    assertThat(detailFields(assertError(http.post(path, new JsonObject().put("orderId", order.getString("id"))
        .put("method", "COD").put("amountInt", 1), buyer.accessToken()), 400, path))).containsExactly("amountInt");
    Http.Response exact = http.post(path, new JsonObject().put("orderId", order.getString("id")).put("method", "COD")
        .put("amountInt", 60_000), buyer.accessToken());
    assertThat(exact.status()).as(exact.toString()).isEqualTo(201);

    JsonObject cancelled = order(buyer, items(line(stocked(5, 30_000), 1)));
    assertThat(http.put("/orders/" + cancelled.getString("id") + "/cancel", null, buyer.accessToken()).status())
        .isEqualTo(200);
    assertError(process(buyer, cancelled, "SePay"), 409, path);
  }

  @Test
  void paymentsAreVisibleToTheirOwnerAndAdministratorsOnly() {
    Session buyer = register("payowner");
    Session stranger = register("paystranger");
    JsonObject order = order(buyer, items(line(stocked(5, 10_000), 1)));
    String paymentId = paid(buyer, order, "COD").getString("paymentId");

    assertError(http.get("/payments/" + paymentId, stranger.accessToken()), 404, "/payments/" + paymentId);
    assertError(http.get("/payments/" + paymentId, null), 401, "/payments/" + paymentId);
    assertThat(http.get("/payments/" + paymentId, adminToken).status()).isEqualTo(200);
    String byOrder = "/payments/order/" + order.getString("id");
    assertError(http.get(byOrder, stranger.accessToken()), 404, byOrder);
    assertThat(http.get(byOrder, adminToken).json().getString("id")).isEqualTo(paymentId);
    String unknown = "/payments/" + UUID.randomUUID();
    assertError(http.get(unknown, buyer.accessToken()), 404, unknown);
    assertError(http.get("/payments/not-an-id", buyer.accessToken()), 404, "/payments/not-an-id");
  }

  @Test
  void cancellingAPaidOrderRefundsItAndReturnsItsStockOnce() throws Exception {
    Session buyer = register("refund");
    JsonObject product = stocked(10, 25_000);
    JsonObject order = order(buyer, items(line(product, 4)));
    String paymentId = paid(buyer, order, "SePay").getString("paymentId");
    assertThat(notify(order.getString("id"), "TX-" + UUID.randomUUID(), 100_000, "SUCCESS").status()).isEqualTo(200);
    eventually(() -> orderStatus(order, buyer), "PAID");
    assertThat(stockOf(product)).isEqualTo(6);

    List<Http.Response> cancels = inParallel(5,
        i -> http.put("/orders/" + order.getString("id") + "/cancel", null, buyer.accessToken()));
    assertThat(countStatus(cancels, 200)).isEqualTo(1);
    assertThat(countStatus(cancels, 409)).isEqualTo(4);
    eventually(() -> payment(paymentId, buyer).getString("status"), "REFUNDED");
    assertThat(stockOf(product)).isEqualTo(10);
  }

  @Test
  void cancellingAnOrderWithAPendingPaymentFailsThePayment() {
    Session buyer = register("cancelpending");
    JsonObject order = order(buyer, items(line(stocked(5, 10_000), 1)));
    String paymentId = paid(buyer, order, "SePay").getString("paymentId");
    assertThat(http.put("/orders/" + order.getString("id") + "/cancel", null, buyer.accessToken()).status())
        .isEqualTo(200);
    eventually(() -> payment(paymentId, buyer).getString("status"), "FAILED");
    // Money that arrives for it now is refused: nothing is pending any more.
    assertError(notify(order.getString("id"), "TX-" + UUID.randomUUID(), 10_000, "SUCCESS"), 409, "/payments/verify");
  }

  @Test
  void cashOnDeliveryIsCollectedWhenTheOrderIsDelivered() {
    Session buyer = register("delivered");
    JsonObject order = order(buyer, items(line(stocked(5, 45_000), 1)));
    String paymentId = paid(buyer, order, "COD").getString("paymentId");
    for (String status : List.of("PAID", "SHIPPED")) {
      assertThat(http.put("/orders/" + order.getString("id") + "/status", new JsonObject().put("status", status),
          adminToken).status()).isEqualTo(200);
    }
    assertThat(payment(paymentId, buyer).getString("status")).isEqualTo("PENDING");
    assertThat(http.put("/orders/" + order.getString("id") + "/status", new JsonObject().put("status", "DELIVERED"),
        adminToken).status()).isEqualTo(200);
    eventually(() -> payment(paymentId, buyer).getString("status"), "SUCCESS");
  }

  @Test
  void racingProcessesOfOneOrderMakeOnePayment() throws Exception {
    Session buyer = register("raceprocess");
    JsonObject order = order(buyer, items(line(stocked(5, 10_000), 1)));
    List<Http.Response> answers = inParallel(12, i -> process(buyer, order, "SePay"));
    assertThat(countStatus(answers, 201)).isEqualTo(1);
    assertThat(countStatus(answers, 200)).isEqualTo(11);
    assertThat(answers.stream().map(r -> r.json().getString("paymentId")).distinct()).hasSize(1);
  }

  @Test
  void racingDeliveriesOfOneTransactionSettleItOnce() throws Exception {
    Session buyer = register("racewebhook");
    JsonObject order = order(buyer, items(line(stocked(5, 10_000), 1)));
    String paymentId = paid(buyer, order, "SePay").getString("paymentId");
    String transaction = "TX-" + UUID.randomUUID();
    List<Http.Response> answers = inParallel(10, i -> notify(order.getString("id"), transaction, 10_000, "SUCCESS"));
    assertThat(countStatus(answers, 200)).as(answers.toString()).isEqualTo(10);
    assertThat(answers.stream().map(r -> r.json().getString("status")).distinct()).containsExactly("SUCCESS");
    assertThat(payment(paymentId, buyer).getString("status")).isEqualTo("SUCCESS");
    eventually(() -> orderStatus(order, buyer), "PAID");
  }
}
