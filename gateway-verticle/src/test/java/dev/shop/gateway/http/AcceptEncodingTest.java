package dev.shop.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

  @Test
  void gzipIsTakenWhenListedWithAWeightAboveZero() {
    assertThat(AcceptEncoding.takesGzip("gzip")).isTrue();
    assertThat(AcceptEncoding.takesGzip("gzip, deflate, br, zstd")).isTrue();
    assertThat(AcceptEncoding.takesGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
    assertThat(AcceptEncoding.takesGzip("x-gzip")).isTrue();
    assertThat(AcceptEncoding.takesGzip("deflate, *")).isTrue();
  }

  @Test
  void gzipIsNotTakenWhenAbsentRefusedOrMalformed() {
    assertThat(AcceptEncoding.takesGzip(null)).isFalse();
    assertThat(AcceptEncoding.takesGzip("")).isFalse();
    assertThat(AcceptEncoding.takesGzip("identity")).isFalse();
    assertThat(AcceptEncoding.takesGzip("br, deflate")).isFalse();
    assertThat(AcceptEncoding.takesGzip("gzip;q=0")).isFalse();
    assertThat(AcceptEncoding.takesGzip("gzip; q=0.000")).isFalse();
    assertThat(AcceptEncoding.takesGzip("*, gzip;q=0")).isFalse();
    assertThat(AcceptEncoding.takesGzip("*;q=0")).isFalse();
    assertThat(AcceptEncoding.takesGzip("gzip;q=high")).isFalse();
    assertThat(AcceptEncoding.takesGzip("gzipped")).isFalse();
  }
}
