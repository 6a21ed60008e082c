package dev.shop.user.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;

/** bcrypt, always on a worker thread: a hash costs tens of milliseconds by design. */
public final class Passwords {

  private final Vertx vertx;
  private final int cost;
  /** Checked against when the email is unknown, so both failures take the same time. */
  private final String decoyHash;

  private Passwords(Vertx vertx, int cost, String decoyHash) {
    this.vertx = vertx;
    this.cost = cost;
    this.decoyHash = decoyHash;
  }

  public static Future<Passwords> create(Vertx vertx, int cost) {
    return vertx.executeBlocking(() -> new Passwords(vertx, cost,
        BCrypt.withDefaults().hashToString(cost, "decoy-password".toCharArray())), false);
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> BCrypt.withDefaults().hashToString(cost, password.toCharArray()), false);
  }

  /** Whether the password matches; a null hash (unknown account) costs the same and is false. */
  public Future<Boolean> matches(String password, String hash) {
    String against = hash == null ? decoyHash : hash;
    return vertx.executeBlocking(() -> {
      boolean verified = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
          against.getBytes(StandardCharsets.UTF_8)).verified;
      return verified && hash != null;
    }, false);
  }
}
