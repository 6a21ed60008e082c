package dev.shop.common.json;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
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

  /**
   * {@code {<listName>: [...], total, page, pageSize, totalPages}} as JSON bytes; {@code items}
   * writes the list's elements.
   */
  public Buffer envelope(String listName, long total, JsonWriter.Content items) {
    return JsonWriter.write(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart(listName);
      items.write(json);
      json.writeEndArray();
      json.writeNumberField("total", total);
      json.writeNumberField("page", page);
      json.writeNumberField("pageSize", pageSize);
      json.writeNumberField("totalPages", totalPages(total));
      json.writeEndObject();
    });
  }

  /**
   * The envelope of items already written as JSON: {@code items} holds the list's elements,
   * separated by commas. {@code listName} is a plain identifier (written without escaping).
   */
  public Buffer envelope(String listName, long total, Buffer items) {
    String head = "{\"" + listName + "\":[";
    String tail = "],\"total\":" + total + ",\"page\":" + page + ",\"pageSize\":" + pageSize
        + ",\"totalPages\":" + totalPages(total) + "}";
    return Buffer.buffer(head.length() + items.length() + tail.length())
        .appendString(head).appendBuffer(items).appendString(tail);
  }

  /** {@code ceil(total / pageSize)}: how many pages {@code total} items fill. */
  public long totalPages(long total) {
    return (total + pageSize - 1) / pageSize;
  }

  /** The envelope of items already made as JSON objects. */
  public Buffer envelope(String listName, long total, List<JsonObject> items) {
    return envelope(listName, total, json -> {
      for (JsonObject item : items) {
        JsonWriter.value(json, item);
      }
    });
  }

  /** The envelope of a page once its total and its items (each rendered by {@code toJson}) are read. */
  public <T> Future<Buffer> envelope(String listName, Future<Long> total, Future<List<T>> items,
      Function<T, JsonObject> toJson) {
    return Future.all(total, items)
        .map(both -> envelope(listName, total.result(), items.result().stream().map(toJson).toList()));
  }
}
