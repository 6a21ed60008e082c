package dev.shop.common.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.Base64;

/**
 * The RS256 key pair that signs access tokens. Read from PEM files in production; generated once
 * and kept in the data directory in dev mode. The {@code kid} is the key's RFC 7638 thumbprint.
 * Blocking (file I/O, key generation): use from a worker.
 */
public final class JwtKeys {

  public static final String ALGORITHM = "RS256";

  private final String privateKeyPem;
  private final RSAPublicKey publicKey;
  private final String kid;

  private JwtKeys(String privateKeyPem, RSAPublicKey publicKey) {
    this.privateKeyPem = privateKeyPem;
    this.publicKey = publicKey;
    this.kid = thumbprint(publicKey);
  }

  /** Reads a PKCS#8 private key PEM ({@code BEGIN PRIVATE KEY}); the public key is derived. */
  public static JwtKeys fromPrivateKeyFile(Path privateKeyPem) throws IOException, GeneralSecurityException {
    String pem = Files.readString(privateKeyPem, StandardCharsets.US_ASCII);
    return new JwtKeys(pem, derivePublicKey(pem));
  }

  /**
   * The key pair under {@code directory}, generated there on first use. Several instances of the
   * user service may start at once: one key is written, and every instance uses that one.
   */
  public static synchronized JwtKeys loadOrGenerate(Path directory) throws IOException, GeneralSecurityException {
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

  private static RSAPublicKey derivePublicKey(String pem) throws GeneralSecurityException {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    KeyFactory factory = KeyFactory.getInstance("RSA");
    var privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
      throw new GeneralSecurityException("The JWT private key must be an RSA key in PKCS#8 PEM");
    }
    return (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
  }

  public String privateKeyPem() {
    return privateKeyPem;
  }

  public String kid() {
    return kid;
  }

  /** The JSON Web Key Set that verifies tokens signed with this key. */
  public JsonObject jwks() {
    return new JsonObject().put("keys", new JsonArray().add(new JsonObject()
        .put("kty", "RSA")
        .put("use", "sig")
        .put("alg", ALGORITHM)
        .put("kid", kid)
        .put("n", base64Url(publicKey.getModulus()))
        .put("e", base64Url(publicKey.getPublicExponent()))));
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
