package dev.shop.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SlugsTest {

  @Test
  void foldsVietnameseTheWayShoppersTypeIt() {
    assertThat(Slugs.derive("Điện thoại di động", "x")).isEqualTo("dien-thoai-di-dong");
    assertThat(Slugs.derive("Đồ gia dụng & Nhà bếp", "x")).isEqualTo("do-gia-dung-nha-bep");
    assertThat(Slugs.derive("Áo sơ mi nữ (mùa hè) 2026", "x")).isEqualTo("ao-so-mi-nu-mua-he-2026");
    assertThat(Slugs.derive("  Crème Brûlée -- Straße  ", "x")).isEqualTo("creme-brulee-strasse");
  }

  @Test
  void fallsBackWhenNothingIsFoldable() {
    assertThat(Slugs.derive("!!! ??? 手机", "product")).isEqualTo("product");
  }

  @Test
  void capsTheLengthOnAWordBoundaryWithoutATrailingHyphen() {
    String slug = Slugs.derive("ab ".repeat(100), "x");
    assertThat(slug).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-");
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @Test
  void validSlugsAreLowerCaseAsciiWordsJoinedByHyphens() {
    assertThat(Slugs.isValid("dien-thoai-2")).isTrue();
    assertThat(Slugs.isValid("Dien-thoai")).isFalse();
    assertThat(Slugs.isValid("dien--thoai")).isFalse();
    assertThat(Slugs.isValid("-dien")).isFalse();
    assertThat(Slugs.isValid("điện")).isFalse();
    assertThat(Slugs.isValid("")).isFalse();
  }

  @Test
  void firstFreeAddsTheSmallestFreeSuffix() {
    assertThat(Slugs.firstFree("phone", Set.of())).isEqualTo("phone");
    assertThat(Slugs.firstFree("phone", Set.of("phone"))).isEqualTo("phone-2");
    assertThat(Slugs.firstFree("phone", Set.of("phone", "phone-2", "phone-3"))).isEqualTo("phone-4");
    String longest = "a".repeat(Slugs.MAX_LENGTH);
    assertThat(Slugs.firstFree(longest, Set.of(longest))).hasSize(Slugs.MAX_LENGTH).endsWith("-2");
  }
}
