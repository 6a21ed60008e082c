package dev.shop.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

  @Test
  void everyPercentMustBeFollowedByTwoHexadecimalDigits() {
    assertThat(RequestTarget.wellEscaped("/products?search=dien%20thoai%2Fx%c3%A9")).isTrue();
    assertThat(RequestTarget.wellEscaped("/users?search=%25%25%25nobody")).isTrue();
    assertThat(RequestTarget.wellEscaped("/products/%zz")).isFalse();
    assertThat(RequestTarget.wellEscaped("/products?search=100%")).isFalse();
    assertThat(RequestTarget.wellEscaped("/products?search=%e")).isFalse();
    assertThat(RequestTarget.wellEscaped("/products?search=%%41")).isFalse();
    assertThat(RequestTarget.wellEscaped("/products?search=%4g")).isFalse();
  }
}
