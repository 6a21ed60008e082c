package dev.shop.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml as Docker Compose reads it: its services, their settings and environments. */
public final class ComposeFile {

  /** {@code ${NAME}} or {@code ${NAME:-default}}, as Compose interpolates them. */
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::-([^}]*))?}");

  private final Map<String, Object> services;

  private ComposeFile(Map<String, Object> services) {
    this.services = services;
  }

  @SuppressWarnings("unchecked")
  public static ComposeFile read() {
    return new ComposeFile((Map<String, Object>) Repository.yaml("docker-compose.yml").get("services"));
  }

  public List<String> serviceNames() {
    return List.copyOf(services.keySet());
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> service(String name) {
    return (Map<String, Object>) services.get(name);
  }

  /** The containers that run the platform's image. */
  public List<String> platformContainers() {
    return services.keySet().stream().filter(name -> "shop-platform:latest".equals(service(name).get("image"))).toList();
  }

  /** A service's environment as written (before interpolation); values as strings. */
  @SuppressWarnings("unchecked")
  public Map<String, String> environment(String name) {
    Map<String, String> environment = new LinkedHashMap<>();
    ((Map<String, Object>) service(name).getOrDefault("environment", Map.of()))
        .forEach((key, value) -> environment.put(key, String.valueOf(value)));
    return environment;
  }

  /** {@code value} with its variables taken from {@code variables}, or their defaults, as Compose does. */
  public static String interpolate(String value, Map<String, String> variables) {
    Matcher variable = VARIABLE.matcher(value);
    StringBuilder result = new StringBuilder();
    while (variable.find()) {
      String given = variables.get(variable.group(1));
      String replacement = given != null && !given.isEmpty() ? given
          : variable.group(2) == null ? "" : variable.group(2);
      variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    return variable.appendTail(result).toString();
  }
}
