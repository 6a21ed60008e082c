package dev.shop.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactedTest {

  @Test
  void aUrlKeepsItsUserButNotItsPassword() {
    assertThat(Redacted.urls("nats://gateway:s3cr3t@nats-1:4222")).isEqualTo("nats://gateway:***@nats-1:4222");
    assertThat(Redacted.urls("postgresql://shop:p%40ss@db:5432/shop_user"))
        .isEqualTo("postgresql://shop:***@db:5432/shop_user");
  }

  @Test
  void aTokenInTheUserInformationIsHiddenWhole() {
    assertThat(Redacted.urls("tls://t0ken@nats-1:4222")).isEqualTo("tls://***@nats-1:4222");
  }

  @Test
  void everyUrlOfAListIsRedactedWithOrWithoutAScheme() {
    assertThat(Redacted.urls("nats://a:one@n1:4222, b:two@n2:4222,nats://n3:4222"))
        .isEqualTo("nats://a:***@n1:4222, b:***@n2:4222,nats://n3:4222");
  }

  @Test
  void urlsQuotedInAMessageAreRedactedToo() {
    assertThat(Redacted.urls("Unable to connect to NATS servers: [nats://u:pw@h1:4222, nats://u:pw@h2:4222]"))
        .isEqualTo("Unable to connect to NATS servers: [nats://u:***@h1:4222, nats://u:***@h2:4222]");
  }

  @Test
  void aPasswordParameterIsHidden() {
    assertThat(Redacted.urls("postgresql://db:5432/shop?user=shop&password=secret&ssl=true"))
        .isEqualTo("postgresql://db:5432/shop?user=shop&password=***&ssl=true");
  }

  @Test
  void textWithoutSecretsIsLeftAlone() {
    assertThat(Redacted.urls("nats://127.0.0.1:4222,nats://nats-2:4222")).isEqualTo("nats://127.0.0.1:4222,nats://nats-2:4222");
    assertThat(Redacted.urls("http://shop.example/products?page=2")).isEqualTo("http://shop.example/products?page=2");
    assertThat(Redacted.urls(null)).isNull();
  }
}
