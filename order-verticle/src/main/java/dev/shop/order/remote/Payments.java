package dev.shop.order.remote;

import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.RequestMeta;
import dev.shop.contract.payment.PaymentByOrderRequest;
import dev.shop.contract.payment.PaymentSubjects;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The payment service's payments of orders, asked for an administrator. */
public final class Payments {

  private final OptionalAnswers peers;

  public Payments(OptionalAnswers peers) {
    this.peers = peers;
  }

  /** The order's most recent PaymentResponse; null when it has none or the payment service does not answer. */
  public Future<JsonObject> latestOf(RequestMeta caller, UUID orderId) {
    return peers.ask(PaymentSubjects.GET_BY_ORDER, new PaymentByOrderRequest(orderId).toJson(), caller)
        .map(reply -> reply.map(BusReply::bodyAsObject).orElse(null));
  }
}
