package dev.shop.user.auth;

import dev.shop.common.auth.JwtKeys;
import dev.shop.user.account.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

/**
 * Signs access tokens with the signing key and checks them for {@code auth.verify} with every
 * published key (tokens of a previous key stay valid until they expire).
 */
public final class TokenIssuer {

  private final JWTAuth jwt;
  private final JwtKeys keys;
  private final String issuer;
  private final int ttlSeconds;

  public TokenIssuer(Vertx vertx, JwtKeys keys, String issuer, int ttlSeconds) {
    this.keys = keys;
    this.issuer = issuer;
    this.ttlSeconds = ttlSeconds;
    // Only the signing key goes in as a private key: Vert.x signs with a random one of the private keys it holds.
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(JwtKeys.ALGORITHM).setBuffer(keys.privateKeyPem()).setId(keys.kid()))
        .setJWTOptions(new JWTOptions().setIssuer(issuer));
    keys.jwks().getJsonArray("keys").forEach(jwk -> options.addJwk((JsonObject) jwk));
    this.jwt = JWTAuth.create(vertx, options);
  }

  public int ttlSeconds() {
    return ttlSeconds;
  }

  public String accessToken(User user) {
    return jwt.generateToken(
        new JsonObject().put("email", user.email()).put("role", user.role().name()),
        new JWTOptions()
            .setAlgorithm(JwtKeys.ALGORITHM)
            .setHeader(new JsonObject().put("kid", keys.kid()))
            .setIssuer(issuer)
            .setSubject(user.id().toString())
            .setExpiresInSeconds(ttlSeconds));
  }

  /** The claims of a valid token signed here (signature, expiry and issuer checked). */
  public Future<JsonObject> verify(String token) {
    return jwt.authenticate(new TokenCredentials(token))
        .map(user -> user.attributes().getJsonObject("accessToken", new JsonObject()))
        .compose(claims -> issuer.equals(claims.getString("iss")) && claims.containsKey("exp")
            ? Future.succeededFuture(claims)
            : Future.failedFuture("wrong issuer"));
  }

  public JsonObject jwks() {
    return keys.jwks();
  }
}
