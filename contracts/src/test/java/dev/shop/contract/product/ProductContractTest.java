package dev.shop.contract.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The product service's records: the JSON of docs/PROTOCOL.md, field for field, and back. */
class ProductContractTest {

  private static final UUID ORDER = UUID.fromString("01a213e4-62c4-77a4-ba1b-7a8c7f40561a");
  private static final UUID PRODUCT = UUID.fromString("01a213e4-02e1-794c-9d8a-452dd64af80f");

  private static final ReservedLine LINE = new ReservedLine(PRODUCT, 2, 3_149_000, "JBL-760NC",
      "Tai nghe JBL Tune 760NC Đen", "tai-nghe-jbl", List.of("https://cdn.example/1.jpg"));

  @Test
  void stockReserveRequestIsOrderIdAndItems() {
    StockReserveRequest request = new StockReserveRequest(ORDER, List.of(new StockLine(PRODUCT.toString(), 2),
        new StockLine("not-a-uuid", 1)));

    assertThat(request.toJson().encode()).isEqualTo("{\"orderId\":\"" + ORDER + "\",\"items\":["
        + "{\"productId\":\"" + PRODUCT + "\",\"quantity\":2},{\"productId\":\"not-a-uuid\",\"quantity\":1}]}");
    assertThat(StockReserveRequest.fromJson(request.toJson())).isEqualTo(request);
  }

  @Test
  void stockReserveReplyCarriesEachLineAsReserved() {
    StockReserveReply reply = new StockReserveReply(ORDER, List.of(LINE));

    assertThat(reply.toJson().encode()).isEqualTo("{\"orderId\":\"" + ORDER + "\",\"items\":[{\"productId\":\""
        + PRODUCT + "\",\"quantity\":2,\"priceInt\":3149000,\"sku\":\"JBL-760NC\","
        + "\"name\":\"Tai nghe JBL Tune 760NC Đen\","
        + "\"slug\":\"tai-nghe-jbl\",\"imageUrls\":[\"https://cdn.example/1.jpg\"]}]}");
    assertThat(StockReserveReply.fromJson(new JsonObject(reply.toJson().encode()))).isEqualTo(reply);
  }

  @Test
  void aReservedLineWithoutImagesOrSlugReadsAsNoneAndNull() {
    ReservedLine read = ReservedLine.fromJson(new JsonObject().put("productId", PRODUCT.toString()).put("quantity", 1)
        .put("priceInt", 5).put("sku", "S").put("name", "N").putNull("slug"));

    assertThat(read).isEqualTo(new ReservedLine(PRODUCT, 1, 5, "S", "N", null, List.of()));
    assertThat(ReservedLine.fromJson(read.toJson())).isEqualTo(read);
    assertThat(read.toJson().encode()).contains("\"slug\":null", "\"imageUrls\":[]");
  }

  @Test
  void aReservedLineWithoutPriceIsRefusedNamingTheField() {
    JsonObject noPrice = new JsonObject().put("productId", PRODUCT.toString()).put("quantity", 1);

    assertThatThrownBy(() -> ReservedLine.fromJson(noPrice)).hasMessageContaining("priceInt");
  }

  @Test
  void aReplyWithoutItemsHasNone() {
    assertThat(StockReserveReply.fromJson(new JsonObject())).isEqualTo(new StockReserveReply(null, List.of()));
  }

  @Test
  void releaseNamesTheOrder() {
    ReservationRequest request = new ReservationRequest(ORDER);
    StockReleaseReply released = new StockReleaseReply(ORDER, true);

    assertThat(request.toJson().encode()).isEqualTo("{\"orderId\":\"" + ORDER + "\"}");
    assertThat(released.toJson().encode()).isEqualTo("{\"orderId\":\"" + ORDER + "\",\"released\":true}");
    assertThat(ReservationRequest.fromJson(request.toJson())).isEqualTo(request);
    assertThat(StockReleaseReply.fromJson(released.toJson())).isEqualTo(released);
    assertThat(ReservationRequest.fromJson(new JsonObject().putNull("orderId")))
        .isEqualTo(new ReservationRequest(null));
    assertThat(StockReleaseReply.fromJson(new JsonObject())).isEqualTo(new StockReleaseReply(null, false));
  }

  @Test
  void productSummaryReadsWhatOtherServicesNeedOfAProductResponse() {
    JsonObject response = new JsonObject().put("id", PRODUCT.toString()).put("sku", "JBL-760NC").put("name", "Tai nghe")
        .put("slug", "tai-nghe").put("priceInt", 3_149_000L).put("stock", 270)
        .put("imageUrls", List.of("https://cdn.example/1.jpg")).put("categoryId", UUID.randomUUID().toString())
        .putNull("category").put("attributes", new JsonObject().put("brand", "JBL"));

    ProductSummary summary = ProductSummary.fromJson(response);

    assertThat(summary).isEqualTo(new ProductSummary(PRODUCT, "JBL-760NC", "Tai nghe", "tai-nghe", 3_149_000L, 270,
        List.of("https://cdn.example/1.jpg")));
    assertThat(summary.toJson().encode()).isEqualTo("{\"id\":\"" + PRODUCT + "\",\"sku\":\"JBL-760NC\","
        + "\"name\":\"Tai nghe\",\"slug\":\"tai-nghe\",\"priceInt\":3149000,\"stock\":270,"
        + "\"imageUrls\":[\"https://cdn.example/1.jpg\"]}");
    assertThat(ProductSummary.fromJson(summary.toJson())).isEqualTo(summary);
  }

  @Test
  void aProductWithoutImagesHasNoneAndOneWithoutStockIsRefused() {
    JsonObject noImages = new JsonObject().put("id", PRODUCT.toString()).put("priceInt", 1).put("stock", 0);

    assertThat(ProductSummary.fromJson(noImages).imageUrls()).isEmpty();
    assertThat(ProductSummary.fromJson(noImages).name()).isNull();
    assertThatThrownBy(() -> ProductSummary.fromJson(noImages.copy().put("stock", null)))
        .hasMessageContaining("stock");
  }

  @Test
  void lookupsByIdAndByIds() {
    ProductsByIdsRequest byIds = new ProductsByIdsRequest(List.of(PRODUCT, ORDER));
    ProductsByIdsReply found = new ProductsByIdsReply(List.of(new ProductSummary(PRODUCT, "S", "N", "n", 1, 2,
        List.of())));

    assertThat(new ProductByIdRequest(PRODUCT).toJson().encode()).isEqualTo("{\"id\":\"" + PRODUCT + "\"}");
    assertThat(byIds.toJson().encode()).isEqualTo("{\"ids\":[\"" + PRODUCT + "\",\"" + ORDER + "\"]}");
    assertThat(ProductByIdRequest.fromJson(new ProductByIdRequest(PRODUCT).toJson()))
        .isEqualTo(new ProductByIdRequest(PRODUCT));
    assertThat(ProductsByIdsRequest.fromJson(byIds.toJson())).isEqualTo(byIds);
    assertThat(ProductsByIdsReply.fromJson(found.toJson())).isEqualTo(found);
    assertThat(ProductsByIdsReply.fromJson(new JsonObject()).products()).isEmpty();
    assertThat(ProductsByIdsRequest.fromJson(new JsonObject()).ids()).isEmpty();
  }
}
