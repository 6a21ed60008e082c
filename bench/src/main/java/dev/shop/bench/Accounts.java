package dev.shop.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The accounts a run needs: the administrator (to replenish stock) and buyers (to check out).
 * Buyers are registered once and logged in on later runs; registering hashes a password, so they
 * are made a few at a time rather than all at once.
 */
final class Accounts {

  static final String ADMIN_EMAIL = "admin@shop.local";
  static final String ADMIN_PASSWORD = "admin12345";
  private static final String BUYER_PASSWORD = "bench-buyer-password";
  private static final int AT_ONCE = 4;

  private final Sender gateway;

  Accounts(Sender gateway) {
    this.gateway = gateway;
  }

  /** The administrator's {@code Authorization} header value. */
  Future<String> admin() {
    return login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  /** The {@code Authorization} header values of {@code count} buyers. */
  Future<List<String>> buyers(int count) {
    List<String> tokens = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int first = 0; first < count; first += AT_ONCE) {
      int from = first;
      chain = chain.compose(v -> {
        List<Future<String>> batch = new ArrayList<>();
        for (int n = from; n < Math.min(count, from + AT_ONCE); n++) {
          batch.add(buyer(n));
        }
        return Future.all(batch).onSuccess(done -> batch.forEach(token -> tokens.add(token.result()))).mapEmpty();
      });
    }
    return chain.map(v -> tokens);
  }

  private Future<String> buyer(int n) {
    String email = "bench-buyer-" + n + "@bench.example.com";
    JsonObject registration = new JsonObject().put("email", email).put("password", BUYER_PASSWORD)
        .put("fullName", "Bench Buyer " + n);
    return gateway.call(Request.post("/auth/register", registration.toBuffer(), null)).compose(reply -> {
      if (reply.is(201)) {
        return Future.succeededFuture(bearer(reply));
      }
      return reply.is(409) ? login(email, BUYER_PASSWORD) : Future.failedFuture(reply.unexpected("register " + email));
    });
  }

  private Future<String> login(String email, String password) {
    JsonObject credentials = new JsonObject().put("email", email).put("password", password);
    return gateway.call(Request.post("/auth/login", credentials.toBuffer(), null)).map(reply -> {
      if (!reply.is(200) && !reply.is(201)) {
        throw reply.unexpected("login " + email);
      }
      return bearer(reply);
    });
  }

  private static String bearer(Reply reply) {
    return "Bearer " + reply.json().getString("accessToken");
  }
}
