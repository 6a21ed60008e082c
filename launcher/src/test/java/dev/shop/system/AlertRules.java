package dev.shop.system;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/prometheus/alerts.yml: each rule's expression and the metric names it reads. */
public final class AlertRules {

  private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
  /** PromQL's words that are not metrics (functions are told by their parenthesis). */
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset");

  private AlertRules() {
  }

  /** Every rule's expression by alert name. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> expressions() {
    Map<String, String> expressions = new LinkedHashMap<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) Repository.yaml("deploy/prometheus/alerts.yml")
        .get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        expressions.put((String) rule.get("alert"), (String) rule.get("expr"));
      }
    }
    return expressions;
  }

  /** The metric names {@code expr} reads: what is left once strings, label matchers, ranges and grouping labels go. */
  public static Set<String> metricNames(String expr) {
    String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      if (!KEYWORDS.contains(identifier.group(1))) {
        names.add(identifier.group(1));
      }
    }
    return names;
  }
}
