package dev.shop.common.db;

import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns an update sets, for a prepared {@code UPDATE ... SET a = $2, b = $3}: only the
 * fields a client sent change, and a null value clears a column. Column names come from code,
 * never from input.
 */
public final class ColumnChanges {

  private final Map<String, Object> values = new LinkedHashMap<>();

  public ColumnChanges set(String column, Object value) {
    values.put(column, value);
    return this;
  }

  /** Sets the column only when {@code given}. */
  public ColumnChanges setIf(boolean given, String column, Object value) {
    return given ? set(column, value) : this;
  }

  /** Sets the column only when {@code value} is not null. */
  public ColumnChanges setIfPresent(String column, Object value) {
    return setIf(value != null, column, value);
  }

  /**
   * {@code a = $n, b = $n+1, ...} numbered from {@code firstParameter}, followed by
   * {@code alwaysAssigned} (such as {@code updated_at = now()}).
   */
  public String assignments(int firstParameter, String... alwaysAssigned) {
    List<String> assignments = new ArrayList<>();
    int parameter = firstParameter;
    for (String column : values.keySet()) {
      assignments.add(column + " = $" + parameter++);
    }
    assignments.addAll(List.of(alwaysAssigned));
    return String.join(", ", assignments);
  }

  /**
   * The statement's parameters: {@code leading} (such as the id of a {@code WHERE id = $1}), then
   * the values in the order of {@link #assignments} (numbered from {@code leading.length + 1}).
   */
  public Tuple parameters(Object... leading) {
    List<Object> parameters = new ArrayList<>(List.of(leading));
    parameters.addAll(values.values());
    return Tuple.from(parameters);
  }
}
