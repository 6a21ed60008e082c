package dev.shop.common.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text fit for a log line: the secrets a URL can carry ({@code nats://user:password@host},
 * {@code postgresql://shop:secret@db/shop}, a token as {@code nats://token@host}, a
 * {@code ?password=} parameter) replaced by {@code ***}. Every URL, URL list or message that may
 * quote one goes through it before it is logged.
 */
public final class Redacted {

  /** The user information of a URL: after its scheme (or at the start of a list item), up to its {@code @}. */
  private static final Pattern USER_INFO =
      Pattern.compile("(^|[\\s,;\\[(<\"'=]|[A-Za-z][A-Za-z0-9+.-]*://)([^\\s/?#@,;\\[\\]()<>\"']+)@");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile("(?i)([?&;](?:password|pass|sslpassword|token|auth_token)=)[^&;\\s\"']*");
  private static final String HIDDEN = "***";

  private Redacted() {
  }

  /** {@code text} with the password (or the token) of every URL in it replaced; the user name stays. */
  public static String urls(String text) {
    if (text == null) {
      return null;
    }
    Matcher userInfo = USER_INFO.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (userInfo.find()) {
      String info = userInfo.group(2);
      int colon = info.indexOf(':');
      String kept = colon < 0 ? HIDDEN : info.substring(0, colon + 1) + HIDDEN;
      userInfo.appendReplacement(out, Matcher.quoteReplacement(userInfo.group(1) + kept + "@"));
    }
    userInfo.appendTail(out);
    return SECRET_PARAMETER.matcher(out).replaceAll("$1" + HIDDEN);
  }
}
