package dev.shop.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.testing.TestKeys;
import dev.shop.common.testing.TestKeys.KeyFiles;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which keys the settings name: the signing key, and the keys that only verify during a rotation
 * (public or private PEMs); a file that cannot be used stops the start with a message naming the
 * setting and the file.
 */
class JwtKeysTest {

  @TempDir
  static Path dir;

  private static Path privateA;
  private static Path publicA;
  private static Path privateB;

  @BeforeAll
  static void writeKeys() {
    KeyFiles a = TestKeys.rsa();
    privateA = a.privateKey();
    publicA = a.publicKey();
    privateB = TestKeys.rsa().privateKey();
  }

  private static JwtKeys load(String signingFile, String verifyFiles) {
    return JwtKeys.load(JwtKeyFiles.from(new ShopConfig(new JsonObject()
        .put(ConfigKeys.DATA_DIR, dir.resolve("data").toString())
        .put(ConfigKeys.JWT_PRIVATE_KEY_FILE, signingFile)
        .put(ConfigKeys.JWT_VERIFY_KEY_FILES, verifyFiles))));
  }

  @Test
  void theSigningKeyComesFirstAndOlderKeysFollowWhetherGivenAsPublicOrPrivatePem() throws Exception {
    String kidA = load(privateA.toString(), "").kid();
    JwtKeys rotated = load(privateB.toString(), publicA.toString());
    assertThat(rotated.kid()).isNotEqualTo(kidA);
    assertThat(rotated.kids()).containsExactly(rotated.kid(), kidA);
    assertThat(rotated.privateKeyPem()).isEqualTo(Files.readString(privateB));
    assertThat(load(privateB.toString(), " " + privateA + " ").kids()).containsExactly(rotated.kid(), kidA);

    JsonObject jwks = rotated.jwks();
    assertThat(jwks.getJsonArray("keys")).hasSize(2);
    // A private key given to verify only is published as its public part: no private member.
    assertThat(jwks.getJsonArray("keys").getJsonObject(1).fieldNames())
        .containsExactlyInAnyOrder("kty", "use", "alg", "kid", "n", "e");
    assertThat(jwks.getJsonArray("keys").getJsonObject(1).getString("kid")).isEqualTo(kidA);
  }

  @Test
  void aKeyNamedTwiceOrTheSigningKeyAmongTheVerifyingOnesIsPublishedOnce() {
    JwtKeys keys = load(privateA.toString(), publicA + "," + privateA + "," + privateB);
    assertThat(keys.kids()).hasSize(2).first().isEqualTo(keys.kid());
  }

  @Test
  void withoutASigningKeyFileOneIsGeneratedOnceInTheDataDirectory() {
    JwtKeys generated = load("", publicA.toString());
    assertThat(Files.exists(dir.resolve("data").resolve("keys").resolve("jwt-private.pem"))).isTrue();
    assertThat(load("", "").kid()).isEqualTo(generated.kid());
    assertThat(generated.kids()).containsExactly(generated.kid(), load(privateA.toString(), "").kid());
  }

  @Test
  void aVerifyingKeyFileThatDoesNotExistStopsTheStartNamingSettingAndFile() {
    String missing = dir.resolve("missing.pem").toString();
    assertThatThrownBy(() -> load(privateB.toString(), publicA + "," + missing))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("SHOP_JWT_VERIFY_KEY_FILES: " + missing + " does not exist");
  }

  @Test
  void aSigningKeyFileThatDoesNotExistStopsTheStart() {
    String missing = dir.resolve("nowhere.pem").toString();
    assertThatThrownBy(() -> load(missing, ""))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("SHOP_JWT_PRIVATE_KEY_FILE: " + missing + " does not exist");
  }

  @Test
  void aFileThatIsNoKeyOrAPublicKeyToSignWithIsRefusedWithWhatWasExpected() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("notes.txt"), "not a key");
    assertThatThrownBy(() -> load(privateB.toString(), notAKey.toString()))
        .hasMessage("SHOP_JWT_VERIFY_KEY_FILES: " + notAKey + " is not a usable RSA key: expected a PEM file "
            + "starting with -----BEGIN PUBLIC KEY----- or -----BEGIN PRIVATE KEY-----");
    assertThatThrownBy(() -> load(publicA.toString(), ""))
        .hasMessage("SHOP_JWT_PRIVATE_KEY_FILE: " + publicA + " is not a usable RSA key: expected a PEM file "
            + "starting with -----BEGIN PRIVATE KEY-----");
    Path corrupt = Files.writeString(dir.resolve("corrupt.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    assertThatThrownBy(() -> load(privateB.toString(), corrupt.toString()))
        .hasMessageStartingWith("SHOP_JWT_VERIFY_KEY_FILES: " + corrupt + " is not a usable RSA key");
  }
}
