package dev.shop.common.testing;

import dev.shop.common.bus.BusHandler;
import dev.shop.common.bus.BusReply;
import dev.shop.common.bus.BusRequest;
import dev.shop.common.error.ShopException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A peer's subject as a test plays it on the service's bus: it answers what the test says (a
 * reply, an error, nothing at all) and keeps every request it got. Until told otherwise it answers
 * 500, so a test notices a call it did not expect.
 */
public final class PeerStub implements BusHandler {

  private final String subject;
  private final List<BusRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Function<BusRequest, Future<BusReply>> behaviour;

  PeerStub(String subject) {
    this.subject = subject;
    reset();
  }

  /** Back to answering 500, with no request kept. */
  void reset() {
    behaviour = request -> Future.failedFuture(new ShopException(500, "No answer set for " + subject));
    requests.clear();
  }

  /** Answers every request with what {@code answer} makes of it (fail with a ShopException for an error). */
  public PeerStub answers(Function<BusRequest, Future<BusReply>> answer) {
    this.behaviour = answer;
    return this;
  }

  /** Answers every request 200 with {@code body}. */
  public PeerStub replies(Object body) {
    return answers(request -> Future.succeededFuture(BusReply.ok(body)));
  }

  /** Answers every request 200 with what {@code body} makes of the request's body. */
  public PeerStub repliesWith(Function<JsonObject, Object> body) {
    return answers(request -> Future.succeededFuture(BusReply.ok(body.apply(request.body()))));
  }

  /** Answers every request with the error {@code status} and {@code message}, as the peer would. */
  public PeerStub fails(int status, String message) {
    return fails(new ShopException(status, message));
  }

  public PeerStub fails(ShopException error) {
    return answers(request -> Future.failedFuture(error));
  }

  /** Never answers: the caller's request ends at its time-out (504). */
  public PeerStub hangs() {
    return answers(request -> Promise.<BusReply>promise().future());
  }

  public String subject() {
    return subject;
  }

  /** The requests received so far, oldest first. */
  public List<BusRequest> requests() {
    return List.copyOf(requests);
  }

  public int count() {
    return requests.size();
  }

  /** The body of the only request received; fails the test when there was not exactly one. */
  public JsonObject onlyRequest() {
    if (requests.size() != 1) {
      throw new AssertionError(subject + " got " + requests.size() + " requests, expected one: " + requests);
    }
    return requests.get(0).body();
  }

  @Override
  public Future<BusReply> handle(BusRequest request) {
    requests.add(request);
    try {
      return behaviour.apply(request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
