package dev.shop.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shop.gateway.openapi.OpenApiDocument;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check every e2e answer goes through catches what the document does not allow, nulls included. */
class DocumentedAnswersTest {

  private static final JsonObject PRODUCT = OpenApiDocument.load().json().getJsonObject("components")
      .getJsonObject("schemas").getJsonObject("Product").getJsonObject("example");

  @Test
  void aProductWithoutCategoryIsAsDocumentedButANullNameIsNot() {
    assertThatCode(() -> check("GET", "/products/x", 200, PRODUCT.copy().putNull("category")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> check("GET", "/products/x", 200, PRODUCT.copy().putNull("name")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("GET /products/{id} 200").hasMessageContaining("name");
  }

  @Test
  void anUndocumentedStatusOrAnErrorOutsideTheErrorShapeFails() {
    assertThatThrownBy(() -> check("GET", "/health/live", 404, new JsonObject().put("status", "UP")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("GET /health/live answered 404");
    assertThatThrownBy(() -> check("GET", "/no/such/route", 404, new JsonObject().put("message", "Not found")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("(no operation)");
  }

  private static void check(String method, String target, int status, JsonObject body) {
    HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of("application/json; charset=utf-8")),
        (name, value) -> true);
    DocumentedAnswers.check(method, target, new Http.Response(status, headers,
        body.encode().getBytes(StandardCharsets.UTF_8)));
  }
}
