package dev.shop.common.config;

/** The configuration keys (each is also the environment variable that overrides it). */
public final class ConfigKeys {

  public static final String PORT = "PORT";
  public static final String DATA_DIR = "SHOP_DATA_DIR";
  public static final String DEMO_DATA = "SHOP_DEMO_DATA";
  public static final String SERVICES = "SHOP_SERVICES";
  public static final String INSTANCES = "SHOP_INSTANCES";
  public static final String NATS_URL = "NATS_URL";
  public static final String NATS_USER = "SHOP_NATS_USER";
  public static final String NATS_PASSWORD = "SHOP_NATS_PASSWORD";
  public static final String NATS_CREDS_FILE = "SHOP_NATS_CREDS_FILE";
  public static final String NATS_NKEY_FILE = "SHOP_NATS_NKEY_FILE";
  public static final String NATS_INBOX_PREFIX = "SHOP_NATS_INBOX_PREFIX";
  public static final String NATS_PING_INTERVAL_MS = "SHOP_NATS_PING_INTERVAL_MS";
  public static final String NATS_MAX_PINGS_OUT = "SHOP_NATS_MAX_PINGS_OUT";
  public static final String NATS_WRITE_DEADLINE_MS = "SHOP_NATS_WRITE_DEADLINE_MS";
  public static final String NATS_RECONNECT_WAIT_MS = "SHOP_NATS_RECONNECT_WAIT_MS";
  public static final String NATS_RECONNECT_MAX_WAIT_MS = "SHOP_NATS_RECONNECT_MAX_WAIT_MS";
  public static final String NATS_PENDING_LIMIT_BYTES = "SHOP_NATS_PENDING_LIMIT_BYTES";
  public static final String NATS_CONNECT_TIMEOUT_MS = "SHOP_NATS_CONNECT_TIMEOUT_MS";
  public static final String NATS_TLS_CA_FILE = "SHOP_NATS_TLS_CA_FILE";
  public static final String NATS_TLS_CERT_FILE = "SHOP_NATS_TLS_CERT_FILE";
  public static final String NATS_TLS_KEY_FILE = "SHOP_NATS_TLS_KEY_FILE";
  public static final String NATS_TLS_FIRST = "SHOP_NATS_TLS_FIRST";
  public static final String BUS_SIGNING_KEY = "SHOP_BUS_SIGNING_KEY";
  public static final String BUS_TIMEOUT_MS = "SHOP_BUS_TIMEOUT_MS";
  public static final String CIRCUIT_FAILURES = "SHOP_CIRCUIT_FAILURES";
  public static final String CIRCUIT_OPEN_MS = "SHOP_CIRCUIT_OPEN_MS";
  public static final String CIRCUIT_WINDOW_MS = "SHOP_CIRCUIT_WINDOW_MS";
  public static final String HEALTH_PING_MS = "SHOP_HEALTH_PING_MS";
  public static final String EVENTS_STATE_MS = "SHOP_EVENTS_STATE_MS";
  public static final String METRICS_PORT = "SHOP_METRICS_PORT";
  public static final String DB_POOL_SIZE = "SHOP_DB_POOL_SIZE";
  public static final String EMBEDDED_DB_PORT = "SHOP_EMBEDDED_DB_PORT";
  public static final String JWT_ISSUER = "SHOP_JWT_ISSUER";
  public static final String JWT_PRIVATE_KEY_FILE = "SHOP_JWT_PRIVATE_KEY_FILE";
  public static final String JWT_VERIFY_KEY_FILES = "SHOP_JWT_VERIFY_KEY_FILES";
  public static final String JWKS_REFRESH_MS = "SHOP_JWKS_REFRESH_MS";
  public static final String JWKS_UNKNOWN_KID_MS = "SHOP_JWKS_UNKNOWN_KID_MS";
  public static final String VERIFIED_TOKENS_KEPT = "SHOP_VERIFIED_TOKENS_KEPT";
  public static final String ACCESS_TOKEN_TTL_SECONDS = "SHOP_ACCESS_TOKEN_TTL_SECONDS";
  public static final String REFRESH_TOKEN_TTL_SECONDS = "SHOP_REFRESH_TOKEN_TTL_SECONDS";
  public static final String ACCOUNT_STATUS_CACHE_MS = "SHOP_ACCOUNT_STATUS_CACHE_MS";
  public static final String ACCOUNT_STATUSES_KEPT = "SHOP_ACCOUNT_STATUSES_KEPT";
  public static final String BCRYPT_COST = "SHOP_BCRYPT_COST";
  public static final String LOGIN_FREE_FAILURES = "SHOP_LOGIN_FREE_FAILURES";
  public static final String LOGIN_MAX_BLOCK_SECONDS = "SHOP_LOGIN_MAX_BLOCK_SECONDS";
  public static final String LOGIN_FAILURES_KEPT_SECONDS = "SHOP_LOGIN_FAILURES_KEPT_SECONDS";
  public static final String ADMIN_EMAIL = "SHOP_ADMIN_EMAIL";
  public static final String ADMIN_PASSWORD = "SHOP_ADMIN_PASSWORD";
  public static final String CORS_ORIGINS = "SHOP_CORS_ORIGINS";
  public static final String BODY_LIMIT_BYTES = "SHOP_BODY_LIMIT_BYTES";
  public static final String HTTP_DRAIN_SECONDS = "SHOP_HTTP_DRAIN_SECONDS";
  public static final String RATE_LIMIT_RPM = "SHOP_RATE_LIMIT_RPM";
  public static final String USER_RATE_LIMIT_RPM = "SHOP_USER_RATE_LIMIT_RPM";
  public static final String LOGIN_RATE_LIMIT_RPM = "SHOP_LOGIN_RATE_LIMIT_RPM";
  public static final String RATE_LIMIT_MAX_KEYS = "SHOP_RATE_LIMIT_MAX_KEYS";
  public static final String TRUSTED_PROXIES = "SHOP_TRUSTED_PROXIES";
  public static final String RESERVATION_TTL_SECONDS = "SHOP_RESERVATION_TTL_SECONDS";
  public static final String RELEASED_RESERVATIONS_KEPT_SECONDS = "SHOP_RELEASED_RESERVATIONS_KEPT_SECONDS";
  public static final String IDEMPOTENCY_KEY_KEPT_SECONDS = "SHOP_IDEMPOTENCY_KEY_KEPT_SECONDS";
  public static final String STOCK_RELEASE_RETRY_MS = "SHOP_STOCK_RELEASE_RETRY_MS";
  public static final String PRODUCT_PAGES_KEPT_MB = "SHOP_PRODUCT_PAGES_KEPT_MB";
  public static final String SESSION_CART_KEPT_SECONDS = "SHOP_SESSION_CART_KEPT_SECONDS";
  public static final String EVENTS_STREAM = "SHOP_EVENTS_STREAM";
  public static final String EVENTS_SUBJECT_PREFIX = "SHOP_EVENTS_SUBJECT_PREFIX";
  public static final String EVENTS_REPLICAS = "SHOP_EVENTS_REPLICAS";
  public static final String EVENT_MAX_ATTEMPTS = "SHOP_EVENT_MAX_ATTEMPTS";
  public static final String EVENT_RETRY_BACKOFF_MS = "SHOP_EVENT_RETRY_BACKOFF_MS";
  public static final String EVENT_ACK_WAIT_MS = "SHOP_EVENT_ACK_WAIT_MS";
  public static final String EVENT_RETENTION_SECONDS = "SHOP_EVENT_RETENTION_SECONDS";
  public static final String OUTBOX_POLL_MS = "SHOP_OUTBOX_POLL_MS";
  public static final String PAYMENT_WEBHOOK_SECRET = "SHOP_PAYMENT_WEBHOOK_SECRET";
  public static final String SEPAY_BANK = "SHOP_SEPAY_BANK";
  public static final String SEPAY_BANK_BIN = "SHOP_SEPAY_BANK_BIN";
  public static final String SEPAY_ACCOUNT = "SHOP_SEPAY_ACCOUNT";
  public static final String SEPAY_QR_URL = "SHOP_SEPAY_QR_URL";

  /** The database URL of a service, e.g. {@code SHOP_USER_DB_URL}; unset means embedded PostgreSQL. */
  public static String databaseUrl(String service) {
    return "SHOP_" + service.toUpperCase() + "_DB_URL";
  }

  private ConfigKeys() {
  }
}
