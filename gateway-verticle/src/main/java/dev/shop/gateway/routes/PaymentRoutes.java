package dev.shop.gateway.routes;

import static dev.shop.gateway.auth.Access.OPTIONAL_USER;
import static dev.shop.gateway.auth.Access.USER;

import dev.shop.contract.payment.PaymentSubjects;
import dev.shop.gateway.http.Api;
import dev.shop.gateway.http.Payload;

/** The contract's "Payments" (openapi.json), in the payment service. */
public final class PaymentRoutes {

  /** The provider's signature of a webhook body. */
  public static final String WEBHOOK_SIGNATURE = "X-Webhook-Signature";

  private PaymentRoutes() {
  }

  public static void register(Api api) {
    api.post("/payments/process", USER, PaymentSubjects.PROCESS, Payload.body());
    // The provider calls without a token and signs the raw body; an administrator may call with a token.
    api.post("/payments/verify", OPTIONAL_USER, PaymentSubjects.VERIFY, Payload.signedBody(WEBHOOK_SIGNATURE));
    api.get("/payments/order/:orderId", USER, PaymentSubjects.GET_BY_ORDER, Payload.path("orderId"));
    api.get("/payments/:id", USER, PaymentSubjects.GET_BY_ID, Payload.pathId());
  }
}
