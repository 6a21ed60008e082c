package dev.shop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.cart.CartSettings;
import dev.shop.common.bus.BusSettings;
import dev.shop.common.bus.ServiceNames;
import dev.shop.common.config.ConfigKeys;
import dev.shop.common.config.ShopConfig;
import dev.shop.common.service.ServiceSettings;
import dev.shop.gateway.GatewaySettings;
import dev.shop.nats.NatsSettings;
import dev.shop.order.OrderSettings;
import dev.shop.payment.PaymentSettings;
import dev.shop.product.ProductSettings;
import dev.shop.system.Repository;
import dev.shop.user.UserSettings;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * conf/default.json, the README's configuration table and the settings records agree: every key
 * has a default, a row in the table and a record that reads it at start, and nothing else is read.
 */
class ConfigurationTableTest {

  /** A row's first cell: one or more keys in back-ticks. */
  private static final Pattern ROW = Pattern.compile("^\\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \\|(.*)$", Pattern.MULTILINE);
  private static final Pattern KEY = Pattern.compile("`([A-Z_]+)`");

  private final JsonObject defaults = new JsonObject(Repository.text("conf/default.json"));

  @Test
  void everyDefaultIsInTheReadmeTableAndEveryRowIsADefaultOrReadFromTheEnvironmentOnly() {
    Map<String, String> rows = readmeRows();
    assertThat(rows.keySet()).as("keys in the README's configuration table").containsAll(defaults.fieldNames());
    rows.forEach((key, meaning) -> {
      if (!defaults.containsKey(key)) {
        assertThat(meaning).as(key + " is not in conf/default.json, so its row must say").contains(
            "read from the environment only");
      }
    });
  }

  @Test
  void everyDefaultIsReadBySomeSettingsRecordAndEveryKeyReadHasADefault() {
    Set<String> read = new TreeSet<>();
    ShopConfig config = new ShopConfig(new Recording(defaults.copy()
        .put(ConfigKeys.BUS_SIGNING_KEY, "a-signing-key-of-at-least-32-characters"), read::add));
    for (String service : ServiceNames.ALL) {
      ServiceSettings.from(service, config);
    }
    UserSettings.from(config);
    ProductSettings.from(config);
    CartSettings.from(config);
    OrderSettings.from(config);
    PaymentSettings.from(config);
    GatewaySettings.from(config);
    BusSettings.from(config);
    NatsSettings.from(config);
    PlatformSettings.from(config);
    EmbeddedDatabaseSettings.from(config);

    Set<String> expected = new TreeSet<>(defaults.fieldNames());
    // The loader's own key: which profile file applies.
    expected.remove(ShopConfig.PROFILE);
    assertThat(read).as("keys read by the settings records").isEqualTo(expected);
  }

  @Test
  void everyKeyTheCodeNamesHasADefault() throws IllegalAccessException {
    for (Field field : ConfigKeys.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        assertThat(defaults.containsKey((String) field.get(null))).as("ConfigKeys." + field.getName() + " in conf/default.json")
            .isTrue();
      }
    }
    for (String service : ServiceNames.ALL) {
      assertThat(defaults.containsKey(ConfigKeys.databaseUrl(service))).as(service + "'s database URL").isTrue();
    }
  }

  @Test
  void aWrongValueStopsTheStartNamingItsKey() {
    ShopConfig config = new ShopConfig(defaults);
    assertThatThrownBy(() -> PlatformSettings.from(config.with(ConfigKeys.INSTANCES, "-1")))
        .hasMessage("Configuration key SHOP_INSTANCES must be at least 0, got -1");
    assertThatThrownBy(() -> OrderSettings.from(config.with(ConfigKeys.STOCK_RELEASE_RETRY_MS, "soon")))
        .hasMessage("Configuration key SHOP_STOCK_RELEASE_RETRY_MS must be an integer, got 'soon'");
    assertThatThrownBy(() -> GatewaySettings.from(config.with(ConfigKeys.CIRCUIT_WINDOW_MS, "0")))
        .hasMessage("Configuration key SHOP_CIRCUIT_WINDOW_MS must be at least 1, got 0");
  }

  /** The README's configuration table: each key with the rest of its row. */
  private static Map<String, String> readmeRows() {
    String readme = Repository.text("README.md");
    String table = readme.substring(readme.indexOf("\n## Configuration\n"));
    table = table.substring(0, table.indexOf("\n## ", 1));
    Map<String, String> rows = new HashMap<>();
    Matcher row = ROW.matcher(table);
    while (row.find()) {
      Matcher key = KEY.matcher(row.group(1));
      while (key.find()) {
        rows.put(key.group(1), row.group(2));
      }
    }
    return rows;
  }

  /** The values, telling {@code onRead} each key read; its copies (ShopConfig keeps one) tell it too. */
  private static final class Recording extends JsonObject {

    private final Consumer<String> onRead;

    Recording(JsonObject values, Consumer<String> onRead) {
      super(values.getMap());
      this.onRead = onRead;
    }

    @Override
    public Object getValue(String key) {
      onRead.accept(key);
      return super.getValue(key);
    }

    @Override
    public JsonObject copy() {
      return new Recording(super.copy(), onRead);
    }
  }
}
