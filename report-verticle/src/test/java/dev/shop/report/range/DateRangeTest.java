package dev.shop.report.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shop.common.error.FieldError;
import dev.shop.common.error.ShopException;
import dev.shop.common.json.JsonInput;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateRangeTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

  @Test
  void datesAreWholeUtcDaysBothIncluded() {
    DateRange range = read(query("2026-11-01", "2026-11-03"));
    assertThat(range.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(range.end()).isEqualTo(Instant.parse("2026-11-03T23:59:59.999Z"));
    assertThat(range.endExclusive()).isEqualTo(Instant.parse("2026-11-04T00:00:00Z"));
    assertThat(range.days()).extracting(LocalDate::toString).containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
    assertThat(range.toJson()).isEqualTo(new JsonObject()
        .put("fromAt", "2026-11-01T00:00:00.000Z").put("toAt", "2026-11-03T23:59:59.999Z"));
  }

  @Test
  void timestampsAreTakenAsTheyAreWithOrWithoutMillisAndOffset() {
    assertThat(read(query("2026-11-25T10:00:00Z", "2026-11-25T12:30:00.250Z")))
        .isEqualTo(new DateRange(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T12:30:00.250Z")));
    assertThat(read(query("2026-11-25T10:00:00+07:00", "2026-11-25T10:00:00")))
        .isEqualTo(new DateRange(Instant.parse("2026-11-25T03:00:00Z"), Instant.parse("2026-11-25T10:00:00Z")));
    assertThat(read(query("2026-11-24T10:00:00.123456Z", "2026-11-25")).start())
        .isEqualTo(Instant.parse("2026-11-24T10:00:00.123Z"));
  }

  @Test
  void aRangeWithinOneDayHasThatDay() {
    DateRange range = read(query("2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z"));
    assertThat(range.days()).containsExactly(TODAY);
    assertThat(read(query("2026-11-24T23:00:00-02:00", "2026-11-25")).days()).containsExactly(TODAY);
  }

  @Test
  void byDefaultTheThirtyDaysThatEndToday() {
    DateRange range = read(new JsonObject());
    assertThat(range).isEqualTo(new DateRange(Instant.parse("2026-10-27T00:00:00Z"),
        Instant.parse("2026-11-25T23:59:59.999Z")));
    assertThat(range.days()).hasSize(30);
    assertThat(read(new JsonObject().put("fromAt", " ").put("toAt", ""))).isEqualTo(range);
  }

  @Test
  void aMissingFromAtIsTwentyNineDaysBeforeTheDayOfToAt() {
    assertThat(read(new JsonObject().put("toAt", "2026-03-01T10:00:00Z")))
        .isEqualTo(new DateRange(Instant.parse("2026-01-31T00:00:00Z"), Instant.parse("2026-03-01T10:00:00Z")));
  }

  @Test
  void aMissingToAtIsTheEndOfToday() {
    assertThat(read(new JsonObject().put("fromAt", "2026-11-20")).end()).isEqualTo(Instant.parse("2026-11-25T23:59:59.999Z"));
  }

  @Test
  void whatIsNoDateIsReportedForItsField() {
    for (String text : new String[] {"yesterday", "2026-13-01", "2026-02-30", "2026-11-25T25:00:00Z", "20261125",
        "2026-1-1", "0000-01-01", "+12026-01-01", "1732550400000"}) {
      assertThat(errors(new JsonObject().put("fromAt", text))).as(text).extracting(FieldError::field)
          .containsExactly("fromAt");
    }
    assertThat(errors(query("nope", "never"))).extracting(FieldError::field).containsExactly("fromAt", "toAt");
  }

  @Test
  void fromAtAfterToAtIsReportedForFromAt() {
    assertThat(errors(query("2026-11-26", "2026-11-25"))).extracting(FieldError::field).containsExactly("fromAt");
    assertThat(errors(query("2026-11-25T10:00:00.001Z", "2026-11-25T10:00:00Z"))).hasSize(1);
    assertThat(errors(new JsonObject().put("fromAt", "2026-11-26"))).hasSize(1);
  }

  @Test
  void aRangeIsAtMost3660DaysLong() {
    LocalDate from = LocalDate.parse("2016-01-01");
    assertThat(read(query(from.toString(), from.plusDays(3659).toString())).days()).hasSize(3660);
    assertThat(read(query(from + "T00:00:00Z", from.plusDays(3660) + "T00:00:00Z")).days()).hasSize(3661);
    assertThat(errors(query(from.toString(), from.plusDays(3660).toString()))).extracting(FieldError::field)
        .containsExactly("fromAt");
  }

  private static JsonObject query(String fromAt, String toAt) {
    return new JsonObject().put("fromAt", fromAt).put("toAt", toAt);
  }

  private static DateRange read(JsonObject query) {
    JsonInput input = JsonInput.lenient(query);
    DateRange range = DateRange.read(input, TODAY);
    input.validate();
    return range;
  }

  private static List<FieldError> errors(JsonObject query) {
    JsonInput input = JsonInput.lenient(query);
    assertThat(DateRange.read(input, TODAY)).isNull();
    ShopException invalid = catchThrowableOfType(ShopException.class, input::validate);
    assertThat(invalid.status()).isEqualTo(400);
    return invalid.details();
  }
}
