package dev.shop.user.account;

import dev.shop.common.json.JsonInput;
import java.util.regex.Pattern;

/** Validation rules of account fields, shared by registration and the admin routes. */
public final class AccountFields {

  /** bcrypt reads at most 72 bytes: a longer password would be silently truncated. */
  public static final int PASSWORD_MIN_BYTES = 8;
  public static final int PASSWORD_MAX_BYTES = 72;
  public static final int NAME_MAX = 100;
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ().-]{5,19}$");

  private AccountFields() {
  }

  public static String password(JsonInput input) {
    return input.requiredSecret("password", PASSWORD_MIN_BYTES, PASSWORD_MAX_BYTES);
  }

  public static String requiredPhone(JsonInput input, String field) {
    if (input.requiredString(field, 1, 24) == null) {
      return null;
    }
    return phone(input, field);
  }

  /** A phone number, or null when absent or null. */
  public static String phone(JsonInput input, String field) {
    String phone = input.optionalString(field, 1, 24);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      input.error(field, "must be a phone number");
      return null;
    }
    return phone;
  }
}
