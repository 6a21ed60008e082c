package dev.shop.nats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys read from PEM files with the JDK alone. A key must be unencrypted
 * PKCS#8 ({@code BEGIN PRIVATE KEY}), as {@code openssl genpkey} writes it; a traditional RSA or EC
 * key is refused with the command that converts it.
 */
final class PemFiles {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private PemFiles() {
  }

  /** Every certificate in {@code file} (a CA bundle, or a certificate followed by its chain). */
  static List<X509Certificate> certificates(String file) {
    try {
      List<X509Certificate> found = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(file)))).stream()
          .map(X509Certificate.class::cast).toList();
      if (found.isEmpty()) {
        throw new IllegalArgumentException(file + " holds no PEM certificate");
      }
      return found;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the certificates of " + file + ": " + e.getMessage(), e);
    }
  }

  /** The private key in {@code file}, of the algorithm of {@code certificate}'s public key. */
  static PrivateKey privateKey(String file, X509Certificate certificate) {
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the private key " + file + ": " + e.getMessage(), e);
    }
    Matcher block = BLOCK.matcher(text);
    if (!block.find()) {
      throw new IllegalArgumentException(file + " holds no PEM private key");
    }
    if (!block.group(1).equals("PRIVATE KEY")) {
      throw new IllegalArgumentException(file + " holds a " + block.group(1) + "; a PKCS#8 key (BEGIN PRIVATE KEY, "
          + "unencrypted) is needed: convert it with `openssl pkcs8 -topk8 -nocrypt -in " + file + " -out <new file>`");
    }
    byte[] der = Base64.getMimeDecoder().decode(block.group(2).trim());
    try {
      return KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
          .generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the private key " + file + " is not a "
          + certificate.getPublicKey().getAlgorithm() + " key as its certificate's is: " + e.getMessage(), e);
    }
  }
}
