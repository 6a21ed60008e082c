package dev.shop.gateway.auth;

/** Who may call a route, and what the gateway does with the {@code Authorization} header. */
public enum Access {
  /** Anyone; the header is not looked at (a stale token must not block login or refresh). */
  PUBLIC,
  /**
   * Anyone; a valid token makes the caller that user (the service may answer its administrators
   * more), any other (invalid, expired, not checkable now) leaves the caller anonymous: a public
   * read never fails for its token.
   */
  PUBLIC_OR_USER,
  /** Anyone; a token, when sent, must be valid (401 otherwise) and makes the caller that user. */
  OPTIONAL_USER,
  /** A valid token is required (401). */
  USER,
  /** A valid token of an administrator is required (401, then 403). */
  ADMIN
}
