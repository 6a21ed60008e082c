package dev.shop.common.bus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A domain service as the bus exposes it: its name (also its queue group), and the subjects it
 * answers.
 */
public final class ServiceDefinition {

  private final String name;
  private final String version;
  private final String description;
  private final Map<String, BusHandler> endpoints = new LinkedHashMap<>();

  public ServiceDefinition(String name, String version, String description) {
    this.name = name;
    this.version = version;
    this.description = description;
  }

  public ServiceDefinition endpoint(String subject, BusHandler handler) {
    if (endpoints.putIfAbsent(subject, handler) != null) {
      throw new IllegalArgumentException("Subject bound twice: " + subject);
    }
    return this;
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  public String description() {
    return description;
  }

  public Map<String, BusHandler> endpoints() {
    return Map.copyOf(endpoints);
  }
}
