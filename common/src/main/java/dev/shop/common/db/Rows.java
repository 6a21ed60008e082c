package dev.shop.common.db;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Turns query results into records. */
public final class Rows {

  private Rows() {
  }

  public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
  }

  public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> items = new ArrayList<>(rows.size());
    rows.forEach(row -> items.add(mapper.apply(row)));
    return items;
  }

  /** The single value of a one-row, one-column answer such as {@code count(*)}. */
  public static long singleLong(RowSet<Row> rows) {
    return rows.iterator().next().getLong(0);
  }
}
