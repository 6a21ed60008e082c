package dev.shop.common.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The platform's configuration: one flat set of keys named like the environment variables that
 * override them. Defaults live in {@code conf/default.json}, per-profile values in
 * {@code conf/<SHOP_PROFILE>.json}; the README's table documents every key. Each concern reads its
 * keys once, at start, into a settings record of its own ({@code EventSettings.from(config)} ...),
 * which fails the start naming the key when a value is wrong; the code that uses them gets the record.
 */
public final class ShopConfig {

  public static final String PROFILE = "SHOP_PROFILE";

  private final JsonObject values;

  public ShopConfig(JsonObject values) {
    this.values = values.copy();
  }

  /**
   * Reads defaults, the profile's file, then the environment, then {@code overrides} (for tests).
   * Only keys known to {@code conf/default.json} are read from the environment.
   */
  public static Future<ShopConfig> load(Vertx vertx, JsonObject overrides) {
    ConfigStoreOptions defaults = fileStore("conf/default.json", false);
    return readOnce(vertx, defaults)
        .compose(base -> {
          String profile = overrides.getString(PROFILE, System.getenv().getOrDefault(PROFILE,
              base.getString(PROFILE)));
          return readOnce(vertx, defaults,
              fileStore("conf/" + profile + ".json", true),
              new ConfigStoreOptions().setType("env").setConfig(new JsonObject()
                  .put("raw-data", true)
                  .put("keys", new JsonArray(List.copyOf(base.fieldNames())))),
              new ConfigStoreOptions().setType("json").setConfig(overrides));
        })
        .map(values -> new ShopConfig(values));
  }

  /**
   * The values of {@code conf/default.json} alone (no profile, no environment), read at once: for
   * code that needs a default without loading the configuration (tests, a bus given only a URL).
   */
  public static ShopConfig defaults() {
    try (InputStream in = ShopConfig.class.getClassLoader().getResourceAsStream("conf/default.json")) {
      if (in == null) {
        throw new IllegalStateException("conf/default.json is not on the class path");
      }
      return new ShopConfig(new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the stores once: configuration is fixed for the life of the process. */
  private static Future<JsonObject> readOnce(Vertx vertx, ConfigStoreOptions... stores) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setIncludeDefaultStores(false).setScanPeriod(-1);
    for (ConfigStoreOptions store : stores) {
      options.addStore(store);
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig().onComplete(ignored -> retriever.close());
  }

  private static ConfigStoreOptions fileStore(String path, boolean optional) {
    return new ConfigStoreOptions().setType("file").setFormat("json").setOptional(optional)
        .setConfig(new JsonObject().put("path", path));
  }

  public JsonObject toJson() {
    return values.copy();
  }

  public ShopConfig with(String key, Object value) {
    JsonObject copy = values.copy();
    copy.put(key, value);
    return new ShopConfig(copy);
  }

  public String string(String key) {
    Object value = values.getValue(key);
    if (value == null) {
      throw new IllegalStateException("Configuration key " + key + " is not set");
    }
    return String.valueOf(value).trim();
  }

  /** The value, or null when the key is unset or blank. */
  public String optionalString(String key) {
    Object value = values.getValue(key);
    if (value == null || String.valueOf(value).isBlank()) {
      return null;
    }
    return String.valueOf(value).trim();
  }

  public int integer(String key) {
    String value = string(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("Configuration key " + key + " must be an integer, got '" + value + "'");
    }
  }

  /** The integer, which must be at least {@code min}. */
  public int integer(String key, int min) {
    int value = integer(key);
    if (value < min) {
      throw new IllegalStateException("Configuration key " + key + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  public boolean bool(String key) {
    String value = string(key).toLowerCase();
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalStateException("Configuration key " + key + " must be true or false, got '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  public Duration millis(String key) {
    return Duration.ofMillis(integer(key));
  }

  public Duration seconds(String key) {
    return Duration.ofSeconds(integer(key));
  }

  /** A duration in milliseconds of at least {@code min}. */
  public Duration millis(String key, int min) {
    return Duration.ofMillis(integer(key, min));
  }

  /** A duration in seconds of at least {@code min}. */
  public Duration seconds(String key, int min) {
    return Duration.ofSeconds(integer(key, min));
  }

  /** A comma-separated list; empty when unset. */
  public List<String> list(String key) {
    String value = optionalString(key);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
