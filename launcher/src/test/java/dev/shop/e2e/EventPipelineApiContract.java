package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.ServiceNames;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * The contract's {@code GET /admin/events} through the gateway: administrators only, every service's
 * pipeline state in the fixed order. A service that does not answer: {@link ServiceOutageTest}.
 */
abstract class EventPipelineApiContract extends ApiTest {

  private static final String PATH = "/admin/events";

  @Test
  void onlyAdministratorsReadThePipeline() {
    assertError(http.get(PATH, null), 401, PATH);
    assertError(http.get(PATH, "not.a.token"), 401, PATH);
    assertError(http.get(PATH, register("eventsreader").accessToken()), 403, PATH);
  }

  @Test
  void everyServiceAnswersItsOutboxAndDeadLettersInTheFixedOrder() {
    Http.Response response = http.get(PATH, admin().accessToken());

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonArray services = response.json().getJsonArray("services");
    assertThat(services.stream().map(entry -> ((JsonObject) entry).getString("service")).toList())
        .isEqualTo(ServiceNames.ALL);
    for (Object each : services) {
      JsonObject service = (JsonObject) each;
      assertThat(service.fieldNames()).as(service.encode()).containsExactlyInAnyOrder("service", "status",
          "outboxPending", "outboxLagMs", "deadLetters", "oldestDeadLetter");
      assertThat(service.getString("status")).as(service.encode()).isEqualTo("UP");
      assertThat(service.getLong("outboxPending")).as(service.encode()).isNotNegative();
      assertThat(service.getLong("outboxLagMs")).as(service.encode()).isNotNegative();
      assertThat(service.getLong("deadLetters")).as(service.encode()).isNotNegative();
      assertThat(service.getValue("oldestDeadLetter") == null).as(service.encode())
          .isEqualTo(service.getLong("deadLetters") == 0);
    }
  }
}
