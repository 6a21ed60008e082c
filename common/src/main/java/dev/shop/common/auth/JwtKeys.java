package dev.shop.common.auth;

import dev.shop.common.config.ConfigKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RS256 keys of access tokens: the key pair that signs new tokens, and the public keys that
 * still verify tokens during a rotation (older keys until their tokens expire). Read from PEM files
 * in production; the signing key is generated once and kept in the data directory in dev mode.
 * Each {@code kid} is the key's RFC 7638 thumbprint. Blocking (file I/O, key generation): use from
 * a worker.
 */
public final class JwtKeys {

  public static final String ALGORITHM = "RS256";

  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final String PRIVATE_KEY = "PRIVATE KEY";
  private static final String PUBLIC_KEY = "PUBLIC KEY";

  private final String privateKeyPem;
  private final String kid;
  /** Every key that verifies tokens by kid, the signing key's first. */
  private final Map<String, RSAPublicKey> verifyingKeys;

  private JwtKeys(String privateKeyPem, RSAPublicKey publicKey) {
    this.privateKeyPem = privateKeyPem;
    this.kid = thumbprint(publicKey);
    this.verifyingKeys = Map.of(kid, publicKey);
  }

  private JwtKeys(JwtKeys signing, List<RSAPublicKey> alsoVerifying) {
    this.privateKeyPem = signing.privateKeyPem;
    this.kid = signing.kid;
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>(signing.verifyingKeys);
    alsoVerifying.forEach(key -> keys.putIfAbsent(thumbprint(key), key));
    this.verifyingKeys = Collections.unmodifiableMap(keys);
  }

  /**
   * The keys the settings name: {@code SHOP_JWT_PRIVATE_KEY_FILE} signs (empty: the generated key
   * under {@code SHOP_DATA_DIR/keys}), and each of {@code SHOP_JWT_VERIFY_KEY_FILES} verifies only
   * (a private key there is reduced to its public key: it never signs). A file that cannot be used
   * fails with a message naming the setting and the file.
   */
  public static JwtKeys load(JwtKeyFiles files) {
    JwtKeys signing = files.privateKeyFile() == null
        ? read(ConfigKeys.DATA_DIR, files.generatedKeyDir(), JwtKeys::loadOrGenerate)
        : read(ConfigKeys.JWT_PRIVATE_KEY_FILE, Path.of(files.privateKeyFile()), JwtKeys::fromPrivateKeyFile);
    List<RSAPublicKey> verifying = new ArrayList<>();
    for (String file : files.verifyKeyFiles()) {
      verifying.add(read(ConfigKeys.JWT_VERIFY_KEY_FILES, Path.of(file), JwtKeys::publicKeyFromFile));
    }
    return new JwtKeys(signing, verifying);
  }

  private interface KeyReader<T> {
    T read(Path path) throws IOException, GeneralSecurityException;
  }

  private static <T> T read(String setting, Path path, KeyReader<T> reader) {
    try {
      return reader.read(path);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(setting + ": " + path + " does not exist");
    } catch (IOException e) {
      throw new IllegalStateException(setting + ": " + path + " cannot be read (" + e.getMessage() + ")");
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(setting + ": " + path + " is not a usable RSA key: " + e.getMessage());
    }
  }

  /** Reads a PKCS#8 private key PEM ({@code BEGIN PRIVATE KEY}); the public key is derived. */
  private static JwtKeys fromPrivateKeyFile(Path privateKeyPem) throws IOException, GeneralSecurityException {
    String pem = Files.readString(privateKeyPem, StandardCharsets.US_ASCII);
    return new JwtKeys(pem, derivePublicKey(pem(pem, PRIVATE_KEY)));
  }

  /** The public key of a {@code BEGIN PUBLIC KEY} (X.509) or {@code BEGIN PRIVATE KEY} (PKCS#8) PEM. */
  private static RSAPublicKey publicKeyFromFile(Path pemFile) throws IOException, GeneralSecurityException {
    Matcher pem = pem(Files.readString(pemFile, StandardCharsets.US_ASCII), PUBLIC_KEY, PRIVATE_KEY);
    if (pem.group(1).equals(PRIVATE_KEY)) {
      return derivePublicKey(pem);
    }
    if (KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem))) instanceof RSAPublicKey key) {
      return key;
    }
    throw new GeneralSecurityException("not an RSA public key");
  }

  /**
   * The key pair under {@code directory}, generated there on first use. Several instances of the
   * user service may start at once: one key is written, and every instance uses that one.
   */
  private static synchronized JwtKeys loadOrGenerate(Path directory) throws IOException, GeneralSecurityException {
    Path file = directory.resolve("jwt-private.pem");
    if (Files.exists(file)) {
      return fromPrivateKeyFile(file);
    }
    Files.createDirectories(directory);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    Path temporary = Files.createTempFile(directory, "jwt-private", ".tmp");
    Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
    // Only the owner may read the key; elsewhere than POSIX the directory's permissions have to do.
    if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
    }
    try {
      // Without REPLACE_EXISTING: a key another process wrote in the meantime wins, and is used.
      Files.move(temporary, file);
    } catch (java.nio.file.FileAlreadyExistsException written) {
      Files.delete(temporary);
      return fromPrivateKeyFile(file);
    }
    return new JwtKeys(pem, (RSAPublicKey) pair.getPublic());
  }

  /** The PEM block in {@code text}, which must be one of {@code labels} ({@code BEGIN <label>}). */
  private static Matcher pem(String text, String... labels) throws GeneralSecurityException {
    Matcher pem = PEM.matcher(text);
    if (!pem.find() || !List.of(labels).contains(pem.group(1))) {
      throw new GeneralSecurityException("expected a PEM file starting with -----BEGIN "
          + String.join("----- or -----BEGIN ", labels) + "-----");
    }
    return pem;
  }

  private static byte[] der(Matcher pem) {
    return Base64.getDecoder().decode(pem.group(2).replaceAll("\\s", ""));
  }

  private static RSAPublicKey derivePublicKey(Matcher privateKeyPem) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("RSA");
    var privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyPem)));
    if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
      throw new GeneralSecurityException("The JWT private key must be an RSA key in PKCS#8 PEM");
    }
    return (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
  }

  public String privateKeyPem() {
    return privateKeyPem;
  }

  /** The key id of the signing key, which new tokens name. */
  public String kid() {
    return kid;
  }

  /** The key ids that verify tokens, the signing key's first. */
  public List<String> kids() {
    return List.copyOf(verifyingKeys.keySet());
  }

  /** The JSON Web Key Set that verifies tokens: the signing key, then the verify-only keys. */
  public JsonObject jwks() {
    JsonArray keys = new JsonArray();
    verifyingKeys.forEach((id, key) -> keys.add(new JsonObject()
        .put("kty", "RSA")
        .put("use", "sig")
        .put("alg", ALGORITHM)
        .put("kid", id)
        .put("n", base64Url(key.getModulus()))
        .put("e", base64Url(key.getPublicExponent()))));
    return new JsonObject().put("keys", keys);
  }

  private static String thumbprint(RSAPublicKey key) {
    String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + base64Url(key.getModulus()) + "\"}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
