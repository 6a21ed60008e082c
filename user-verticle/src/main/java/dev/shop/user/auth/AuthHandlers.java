package dev.shop.user.auth;

import dev.shop.common.auth.Role;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.id.Ids;
import dev.shop.common.json.BodySchema;
import dev.shop.common.json.JsonInput;
import dev.shop.contract.RestContract;
import dev.shop.user.account.AccountFields;
import dev.shop.user.account.NewUser;
import dev.shop.user.account.Passwords;
import dev.shop.user.account.User;
import dev.shop.user.account.UserRepository;
import dev.shop.user.auth.RefreshTokenRepository.Rotation;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code auth.*} subjects: registration, login, token refresh and logout, verification. */
public final class AuthHandlers {

  private static final Logger log = LoggerFactory.getLogger(AuthHandlers.class);
  private static final String BAD_CREDENTIALS = "Invalid email or password";
  private static final BodySchema REGISTER = BodySchema.of(RestContract.document(), "RegisterRequest");
  private static final BodySchema LOGIN = BodySchema.of(RestContract.document(), "LoginRequest");
  private static final BodySchema VERIFY = BodySchema.of(RestContract.document(), "VerifyTokenRequest");
  /** Refreshing and signing out take the same body. */
  private static final BodySchema REFRESH = BodySchema.of(RestContract.document(), "RefreshTokenRequest");

  private final UserRepository users;
  private final RefreshTokenRepository refreshTokens;
  private final Passwords passwords;
  private final TokenIssuer tokens;
  private final LoginThrottle throttle;

  public AuthHandlers(UserRepository users, RefreshTokenRepository refreshTokens, Passwords passwords,
      TokenIssuer tokens, Pool pool, int freeFailures, Duration maxBlock) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.passwords = passwords;
    this.tokens = tokens;
    this.throttle = new LoginThrottle(pool, freeFailures, maxBlock);
  }

  /** {@code {email, password, fullName, phone?}}: a new CUSTOMER, logged in. */
  public Future<BusReply> register(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), REGISTER);
    String email = input.requiredEmail("email");
    String password = AccountFields.password(input);
    String fullName = input.requiredString("fullName", 1, AccountFields.NAME_MAX);
    String phone = AccountFields.phone(input, "phone");
    input.validate();
    return passwords.hash(password)
        .compose(hash -> users.insert(new NewUser(email, hash, fullName, phone, Role.CUSTOMER)))
        .onSuccess(user -> log.atInfo().addKeyValue("userId", user.id()).addKeyValue("requestId", request.requestId())
            .log("user registered"))
        .compose(this::authResponse)
        .map(BusReply::created);
  }

  /**
   * {@code {email, password}}: the same 401 for an unknown email and a wrong password; after
   * repeated failures for an email, 429 until its delay has passed (whatever the password).
   */
  public Future<BusReply> login(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), LOGIN);
    String email = input.requiredString("email", 1, 254);
    String password = input.requiredString("password", 1, 1024) == null ? null : request.body().getString("password");
    input.validate();
    String folded = email.trim().toLowerCase();
    return throttle.waitFor(folded).compose(wait -> {
      if (wait.isPresent()) {
        throw new ShopException(429, "Too many failed sign-ins for this email; retry in " + wait.get().toSeconds()
            + " s", List.of(new FieldError("email", "retry in " + wait.get().toSeconds() + " s")));
      }
      return users.findByEmail(folded)
          .compose(found -> passwords.matches(password, found.map(User::passwordHash).orElse(null))
              .map(matches -> matches ? found : Optional.<User>empty()))
          .compose(found -> found.isEmpty()
              ? throttle.failed(folded).compose(v -> Future.failedFuture(ShopException.unauthorized(BAD_CREDENTIALS)))
              : throttle.succeeded(folded).map(found.get()))
          .compose(user -> {
            if (!user.active()) {
              throw ShopException.unauthorized("Account is deactivated");
            }
            return authResponse(user);
          })
          .map(BusReply::ok);
    });
  }

  /** {@code {refreshToken}}: a new pair; the presented token is revoked, and reuse revokes its family. */
  public Future<BusReply> refresh(BusRequest request) {
    String token = refreshTokenOf(request);
    return refreshTokens.rotate(token).compose(rotation -> {
      if (rotation instanceof Rotation.Rotated rotated) {
        return users.findById(rotated.userId()).compose(found -> {
          User user = found.filter(User::active)
              .orElseThrow(() -> ShopException.unauthorized("Account is deactivated"));
          return Future.succeededFuture(response(user, rotated.next()));
        });
      }
      if (rotation instanceof Rotation.Reused) {
        log.atWarn().addKeyValue("requestId", request.requestId())
            .log("revoked refresh token presented again: its family is revoked");
      }
      return Future.failedFuture(ShopException.unauthorized("Invalid refresh token"));
    }).map(BusReply::ok);
  }

  /** {@code {refreshToken}}: that token no longer works. */
  public Future<BusReply> logout(BusRequest request) {
    return refreshTokens.revoke(refreshTokenOf(request)).map(v -> BusReply.success());
  }

  /** {@code {token}}: whether an access token is valid, and whose it is. */
  public Future<BusReply> verify(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), VERIFY);
    String token = input.requiredString("token", 1, 8192);
    input.validate();
    return tokens.verify(token)
        .compose(claims -> Ids.parse(claims.getString("sub"))
            .map(users::findById)
            .orElse(Future.succeededFuture(Optional.empty())))
        .map(found -> found.filter(User::active)
            .map(user -> new JsonObject().put("valid", true).put("userId", user.id().toString())
                .put("email", user.email()).put("role", user.role().name()))
            .orElseGet(AuthHandlers::invalidToken))
        .otherwise(failure -> invalidToken())
        .map(BusReply::ok);
  }

  /** The public keys that verify access tokens. */
  public Future<BusReply> jwks(BusRequest request) {
    return Future.succeededFuture(BusReply.ok(tokens.jwks()));
  }

  private static JsonObject invalidToken() {
    return new JsonObject().put("valid", false).putNull("userId").putNull("email").putNull("role");
  }

  /**
   * The body's refresh token. Any string is taken (the body limit bounds it): one that is not a
   * live refresh token, an access token sent by mistake included, is then 401 like any unknown one.
   */
  private static String refreshTokenOf(BusRequest request) {
    JsonInput input = JsonInput.body(request.body(), REFRESH);
    String token = input.requiredString("refreshToken", 1, Integer.MAX_VALUE);
    input.validate();
    return token;
  }

  private Future<JsonObject> authResponse(User user) {
    return refreshTokens.issue(user.id()).map(refreshToken -> response(user, refreshToken));
  }

  private JsonObject response(User user, String refreshToken) {
    return new JsonObject()
        .put("accessToken", tokens.accessToken(user))
        .put("refreshToken", refreshToken)
        .put("expiresIn", tokens.ttlSeconds())
        .put("user", user.toSummary());
  }
}
