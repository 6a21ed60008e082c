package dev.shop.common.auth;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the access tokens' keys are: the signing key ({@code SHOP_JWT_PRIVATE_KEY_FILE}; null: the
 * key generated in {@code generatedKeyDir}, under {@code SHOP_DATA_DIR/keys}) and the keys that only
 * verify ({@code SHOP_JWT_VERIFY_KEY_FILES}).
 */
public record JwtKeyFiles(String privateKeyFile, List<String> verifyKeyFiles, Path generatedKeyDir) {

  public static JwtKeyFiles from(ShopConfig config) {
    String privateKeyFile = config.optionalString(ConfigKeys.JWT_PRIVATE_KEY_FILE);
    // The data directory matters only when no key file is given.
    Path generatedKeyDir = privateKeyFile == null ? Path.of(config.string(ConfigKeys.DATA_DIR), "keys") : null;
    return new JwtKeyFiles(privateKeyFile, config.list(ConfigKeys.JWT_VERIFY_KEY_FILES), generatedKeyDir);
  }
}
