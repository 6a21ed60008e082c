package dev.shop.gateway.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The webjars the gateway serves files of (Swagger UI, ECharts). */
final class Webjars {

  private Webjars() {
  }

  /**
   * The resource folder of a webjar's files, {@code META-INF/resources/webjars/<name>/<version>/}:
   * the version is read from the webjar's Maven metadata, so an upgrade in the pom is all it takes.
   */
  static String folder(String groupId, String artifactId) {
    String metadata = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (InputStream in = Webjars.class.getClassLoader().getResourceAsStream(metadata)) {
      if (in == null) {
        throw new IllegalStateException("The " + artifactId + " webjar is not on the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return "META-INF/resources/webjars/" + artifactId + "/" + properties.getProperty("version") + "/";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
