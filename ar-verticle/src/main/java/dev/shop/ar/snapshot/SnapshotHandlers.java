package dev.shop.ar.snapshot;

import dev.shop.ar.remote.Products;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.id.Ids;
import dev.shop.common.json.JsonInput;
import dev.shop.common.json.PageRequest;
import io.vertx.core.Future;
import java.util.UUID;

/** The {@code ar.*} subjects: users save snapshots of products; anyone lists them. */
public final class SnapshotHandlers {

  private final SnapshotRepository snapshots;
  private final Products products;

  public SnapshotHandlers(SnapshotRepository snapshots, Products products) {
    this.snapshots = snapshots;
    this.products = products;
  }

  /**
   * {@code {productId, imageUrl, metadata?}}; a user, who owns the snapshot. Answers 201
   * {@code {id, imageUrl, createdAt}}.
   */
  public Future<BusReply> create(BusRequest request) {
    UUID userId = request.caller().requireUserId();
    NewSnapshot snapshot = NewSnapshot.read(request.body());
    // An id that is no UUID can only name no product: 404, like an unknown one.
    UUID productId = Ids.parse(snapshot.productId()).orElseThrow(Products::notFound);
    return products.requireExists(productId, request.requestId())
        .compose(found -> snapshots.insert(userId, productId, snapshot.imageUrl(), snapshot.metadata()))
        .map(created -> BusReply.created(created.toCreatedResponse()));
  }

  /** {@code {userId?, productId?, page?, pageSize?}} (strings); anyone. Newest first. */
  public Future<BusReply> list(BusRequest request) {
    JsonInput input = JsonInput.lenient(request.body());
    PageRequest page = PageRequest.from(input);
    SnapshotFilter filter = new SnapshotFilter(input.optionalId("userId"), input.optionalId("productId"));
    input.validate();
    return page.envelope("snapshots", snapshots.count(filter), snapshots.page(filter, page), Snapshot::toResponse)
        .map(BusReply::okJson);
  }
}
