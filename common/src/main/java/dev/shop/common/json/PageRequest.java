package dev.shop.common.json;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/** The contract's pagination: {@code page} >= 1, {@code pageSize} 1..100; out of range is 400. */
public record PageRequest(int page, int pageSize) {

  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int MAX_PAGE_SIZE = 100;

  /** Reads {@code page} and {@code pageSize}; problems are reported to {@code input}. */
  public static PageRequest from(JsonInput input) {
    Integer page = input.intParam("page", 1, 1, Integer.MAX_VALUE);
    Integer pageSize = input.intParam("pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    return new PageRequest(page == null ? 1 : page, pageSize == null ? DEFAULT_PAGE_SIZE : pageSize);
  }

  public long offset() {
    return (long) (page - 1) * pageSize;
  }

  /** {@code {<listName>: items, total, page, pageSize, totalPages}}. */
  public JsonObject envelope(String listName, JsonArray items, long total) {
    return new JsonObject()
        .put(listName, items)
        .put("total", total)
        .put("page", page)
        .put("pageSize", pageSize)
        .put("totalPages", (total + pageSize - 1) / pageSize);
  }

  /** The envelope of a page once its total and its items (each rendered by {@code toJson}) are read. */
  public <T> Future<JsonObject> envelope(String listName, Future<Long> total, Future<List<T>> items,
      Function<T, JsonObject> toJson) {
    return Future.all(total, items).map(both -> {
      JsonArray array = new JsonArray();
      items.result().forEach(item -> array.add(toJson.apply(item)));
      return envelope(listName, array, total.result());
    });
  }
}
