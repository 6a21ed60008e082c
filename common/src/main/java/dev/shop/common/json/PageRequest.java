package dev.shop.common.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
}
