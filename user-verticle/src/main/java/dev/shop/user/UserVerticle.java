package dev.shop.user;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.auth.JwtKeys;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceSettings;
import dev.shop.user.account.Passwords;
import dev.shop.user.account.UserHandlers;
import dev.shop.user.account.UserRepository;
import dev.shop.user.address.AddressHandlers;
import dev.shop.user.address.AddressRepository;
import dev.shop.user.auth.AuthHandlers;
import dev.shop.user.auth.CredentialPruning;
import dev.shop.user.auth.RefreshTokenRepository;
import dev.shop.user.auth.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user service: accounts, credentials and tokens, addresses. Binds its subjects here. */
public final class UserVerticle extends DomainVerticle {

  public static final String SERVICE = ServiceNames.USER;

  private static final Logger log = LoggerFactory.getLogger(UserVerticle.class);

  private final UserSettings settings;

  public UserVerticle(Bus bus, ServiceSettings service, UserSettings settings) {
    super(SERVICE, "Users, credentials, tokens and addresses", bus, service);
    this.settings = settings;
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    UserRepository users = new UserRepository(pool, events().outbox());
    Future<JwtKeys> keys = vertx.executeBlocking(() -> JwtKeys.load(settings.tokens().keys()), false)
        .onSuccess(loaded -> log.atInfo().addKeyValue("signingKid", loaded.kid())
            .addKeyValue("verifyingKids", loaded.kids()).log("token keys loaded"));
    Future<Passwords> passwords = Passwords.create(vertx, settings.signIn().bcryptCost());
    return Future.all(keys, passwords).compose(ready -> {
      TokenIssuer tokens = new TokenIssuer(vertx, keys.result(), settings.tokens().issuer(),
          settings.tokens().accessTokenTtlSeconds());
      RefreshTokenRepository refreshTokens = new RefreshTokenRepository(pool, settings.tokens().refreshTokenTtl());
      AuthHandlers auth = new AuthHandlers(users, refreshTokens, passwords.result(), tokens, pool,
          settings.signIn().freeFailures(), settings.signIn().maxBlock());
      CredentialPruning.of(pool, SERVICE, settings.signIn().failuresKept()).start(vertx);
      UserHandlers accounts = new UserHandlers(users, passwords.result());
      AddressHandlers addresses = new AddressHandlers(new AddressRepository(pool));
      return new AdminBootstrap(users, passwords.result()).ensureAdmin(
              settings.adminEmail(), settings.adminPassword())
          .map(v -> service()
              .endpoint("auth.register", auth::register)
              .endpoint("auth.login", auth::login)
              .endpoint("auth.refresh", auth::refresh)
              .endpoint("auth.logout", auth::logout)
              .endpoint("auth.verify", auth::verify)
              .endpoint("auth.jwks", auth::jwks)
              .endpoint("user.list", accounts::list)
              .endpoint("user.findById", accounts::findById)
              .endpoint("user.findByEmail", accounts::findByEmail)
              .endpoint("user.create", accounts::create)
              .endpoint("user.update", accounts::update)
              .endpoint("user.deactivate", accounts::deactivate)
              .endpoint("user.status", accounts::status)
              .endpoint("address.listByUser", addresses::list)
              .endpoint("address.create", addresses::create)
              .endpoint("address.update", addresses::update)
              .endpoint("address.delete", addresses::delete)
              .endpoint("address.setDefault", addresses::setDefault));
    });
  }
}
