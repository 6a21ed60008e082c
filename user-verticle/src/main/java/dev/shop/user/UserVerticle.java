package dev.shop.user;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.auth.JwtKeys;
import dev.shop.common.bus.Bus;
import dev.shop.common.bus.ServiceDefinition;
import dev.shop.common.service.DomainVerticle;
import dev.shop.common.service.ServiceFactory;
import dev.shop.common.service.ServiceSettings;
import dev.shop.contract.user.UserSubjects;
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

  /** Reads the service's settings once; each instance is made with them. */
  public static final ServiceFactory FACTORY = ServiceFactory.of(SERVICE, UserSettings::from, UserVerticle::new);

  private static final Logger log = LoggerFactory.getLogger(UserVerticle.class);

  private final UserSettings settings;

  public UserVerticle(Bus bus, ServiceSettings service, UserSettings settings) {
    super(SERVICE, "Users, credentials, tokens and addresses", bus, service);
    this.settings = settings;
  }

  @Override
  protected Future<ServiceDefinition> define(Pool pool) {
    UserRepository users = new UserRepository(pool, events().outbox(), clock());
    Future<JwtKeys> keys = shared("token keys",
        () -> vertx.executeBlocking(() -> JwtKeys.load(settings.tokens().keys()), false)
            .onSuccess(loaded -> log.atInfo().addKeyValue("signingKid", loaded.kid())
                .addKeyValue("verifyingKids", loaded.kids()).log("token keys loaded")));
    Future<Passwords> passwords = shared("passwords", () -> Passwords.create(vertx, settings.signIn().bcryptCost()));
    return Future.all(keys, passwords).compose(ready -> {
      TokenIssuer tokens = new TokenIssuer(vertx, keys.result(), settings.tokens().issuer(),
          settings.tokens().accessTokenTtlSeconds());
      RefreshTokenRepository refreshTokens = new RefreshTokenRepository(pool, settings.tokens().refreshTokenTtl());
      AuthHandlers auth = new AuthHandlers(users, refreshTokens, passwords.result(), tokens, pool,
          settings.signIn().freeFailures(), settings.signIn().maxBlock());
      inBackground(() -> CredentialPruning.of(pool, SERVICE, settings.signIn().failuresKept()).start(vertx));
      UserHandlers accounts = new UserHandlers(users, passwords.result());
      AddressHandlers addresses = new AddressHandlers(new AddressRepository(pool, clock()));
      return once(() -> new AdminBootstrap(users, passwords.result()).ensureAdmin(
              settings.adminEmail(), settings.adminPassword()))
          .map(v -> service()
              .endpoint(UserSubjects.AUTH_REGISTER, auth::register)
              .endpoint(UserSubjects.AUTH_LOGIN, auth::login)
              .endpoint(UserSubjects.AUTH_REFRESH, auth::refresh)
              .endpoint(UserSubjects.AUTH_LOGOUT, auth::logout)
              .endpoint(UserSubjects.AUTH_VERIFY, auth::verify)
              .endpoint(UserSubjects.AUTH_JWKS, auth::jwks)
              .endpoint(UserSubjects.USER_LIST, accounts::list)
              .endpoint(UserSubjects.USER_FIND_BY_ID, accounts::findById)
              .endpoint(UserSubjects.USER_FIND_BY_EMAIL, accounts::findByEmail)
              .endpoint(UserSubjects.USER_CREATE, accounts::create)
              .endpoint(UserSubjects.USER_UPDATE, accounts::update)
              .endpoint(UserSubjects.USER_DEACTIVATE, accounts::deactivate)
              .endpoint(UserSubjects.USER_STATUS, accounts::status)
              .endpoint(UserSubjects.USER_SUMMARIES, accounts::summaries)
              .endpoint(UserSubjects.ADDRESS_LIST_BY_USER, addresses::list)
              .endpoint(UserSubjects.ADDRESS_CREATE, addresses::create)
              .endpoint(UserSubjects.ADDRESS_UPDATE, addresses::update)
              .endpoint(UserSubjects.ADDRESS_DELETE, addresses::delete)
              .endpoint(UserSubjects.ADDRESS_SET_DEFAULT, addresses::setDefault)
              .endpoint(UserSubjects.ADDRESS_FIND_BY_ID, addresses::findById));
    });
  }
}
