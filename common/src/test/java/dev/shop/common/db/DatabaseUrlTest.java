package dev.shop.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void aUrlThatCannotBeReadIsRefusedWithoutItsPassword() {
    assertThatThrownBy(() -> Database.connectOptions("postgresql://shop:hunter2@db:port/shop"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://shop:***@db:port/shop")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aGoodUrlGivesItsOptions() {
    var options = Database.connectOptions("postgresql://shop:hunter2@db:5433/shop_user");
    assertThat(options.getHost()).isEqualTo("db");
    assertThat(options.getPort()).isEqualTo(5433);
    assertThat(options.getPassword()).isEqualTo("hunter2");
  }
}
