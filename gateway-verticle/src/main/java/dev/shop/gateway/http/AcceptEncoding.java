package dev.shop.gateway.http;

/** A request's {@code Accept-Encoding} (RFC 9110, section 12.5.3), as far as gzip goes. */
public final class AcceptEncoding {

  private AcceptEncoding() {
  }

  /**
   * Whether the client takes gzip: {@code gzip} (or {@code x-gzip}) is listed with a weight above
   * zero, or {@code *} is and gzip is not refused by name. Absent or empty: no.
   */
  public static boolean takesGzip(String header) {
    if (header == null) {
      return false;
    }
    Boolean named = null;
    boolean any = false;
    for (String coding : header.split(",")) {
      int semicolon = coding.indexOf(';');
      String name = (semicolon < 0 ? coding : coding.substring(0, semicolon)).trim();
      boolean wanted = semicolon < 0 || weight(coding.substring(semicolon + 1)) > 0;
      if (name.equalsIgnoreCase("gzip") || name.equalsIgnoreCase("x-gzip")) {
        named = wanted;
      } else if (name.equals("*")) {
        any = wanted;
      }
    }
    return named != null ? named : any;
  }

  /** The {@code q} of a coding's parameters; 1 when absent, 0 when malformed. */
  private static double weight(String parameters) {
    for (String parameter : parameters.split(";")) {
      String trimmed = parameter.trim();
      if (trimmed.length() > 2 && (trimmed.charAt(0) == 'q' || trimmed.charAt(0) == 'Q') && trimmed.charAt(1) == '=') {
        try {
          return Double.parseDouble(trimmed.substring(2).trim());
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
