package dev.shop.common.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class PgErrorsTest {

  @Test
  void aDatabaseThatIsAwayIsUnavailable() {
    assertThat(PgErrors.isUnavailable(new VertxException("connect", new ConnectException("Connection refused"))))
        .as("refused").isTrue();
    assertThat(PgErrors.isUnavailable(new IOException("Connection reset by peer"))).as("reset").isTrue();
    assertThat(PgErrors.isUnavailable(ClosedConnectionException.INSTANCE)).as("lost").isTrue();
    assertThat(PgErrors.isUnavailable(new VertxException("Connection is not active now, current status: CLOSED", true)))
        .as("closed under a command").isTrue();
    for (String state : new String[] {"57P01", "57P02", "57P03", "08006"}) {
      assertThat(PgErrors.isUnavailable(new PgException("away", "FATAL", state, null))).as(state).isTrue();
    }
  }

  @Test
  void aWrongRequestOrABugIsNot() {
    assertThat(PgErrors.isUnavailable(new PgException("duplicate", "ERROR", "23505", null))).isFalse();
    assertThat(PgErrors.isUnavailable(new PgException("syntax", "ERROR", "42601", null))).isFalse();
    assertThat(PgErrors.isUnavailable(new IllegalStateException("bug"))).isFalse();
    assertThat(PgErrors.isUnavailable(new VertxException("something else"))).isFalse();
  }

  @Test
  void onlyAnErrorPostgresAnsweredRolledATransactionBackForCertain() {
    assertThat(PgErrors.certainlyRolledBack(new PgException("duplicate", "ERROR", "23505", null))).as("refused").isTrue();
    assertThat(PgErrors.certainlyRolledBack(ClosedConnectionException.INSTANCE)).as("lost during COMMIT").isFalse();
    assertThat(PgErrors.certainlyRolledBack(new IOException("Connection reset by peer"))).as("reset").isFalse();
    assertThat(PgErrors.certainlyRolledBack(new PgException("away", "FATAL", "57P01", null))).as("shut down").isFalse();
    assertThat(PgErrors.certainlyRolledBack(new IllegalStateException("bug"))).as("unknown").isFalse();
  }
}
