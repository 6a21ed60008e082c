package dev.shop.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** Fresh RSA keys in PEM files, as openssl writes them (see docs/SECURITY.md) for token signing. */
public final class TestKeys {

  /** A PKCS#8 private key ({@code BEGIN PRIVATE KEY}) and its X.509 public key ({@code BEGIN PUBLIC KEY}). */
  public record KeyFiles(Path privateKey, Path publicKey) {
  }

  private TestKeys() {
  }

  public static KeyFiles rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Path dir = Files.createTempDirectory("shop-test-key");
      return new KeyFiles(pem(dir.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded()),
          pem(dir.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path pem(Path file, String label, byte[] der) throws IOException {
    return Files.writeString(file, "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n", StandardCharsets.US_ASCII);
  }
}
