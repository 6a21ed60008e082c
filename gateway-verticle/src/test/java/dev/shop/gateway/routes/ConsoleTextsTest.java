package dev.shop.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator console speaks English and Vietnamese throughout: both dictionaries have the same
 * keys, every key a module asks for by name is in them, and the Vietnamese texts are not English.
 */
class ConsoleTextsTest {

  private static final Path CONSOLE = Path.of("src/main/resources/admin/js");
  /** {@code 'key': 'text',} or {@code 'key': "text",}, one a line. */
  private static final Pattern ENTRY = Pattern.compile(
      "^\\s*'([\\w.-]+)':\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\"),?\\s*$", Pattern.MULTILINE);
  /** t('key') and t('key', {...}): keys built at run time (t(`orderStatus.${status}`)) are left out. */
  private static final Pattern ASKED = Pattern.compile("\\bt\\('([\\w.-]+)'");

  @Test
  void englishAndVietnameseHaveTheSameKeys() throws IOException {
    assertThat(entries("vi").keySet()).as("keys of vi.js against en.js").isEqualTo(entries("en").keySet());
  }

  @Test
  void everyTextAModuleAsksForExists() throws IOException {
    Set<String> asked = new TreeSet<>();
    try (Stream<Path> files = Files.walk(CONSOLE)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".js") && !path.startsWith(CONSOLE.resolve("i18n")))
          .toList()) {
        Matcher matcher = ASKED.matcher(Files.readString(file));
        while (matcher.find()) {
          asked.add(matcher.group(1));
        }
      }
    }
    assertThat(asked).isNotEmpty();
    assertThat(entries("en").keySet()).as("texts the modules ask for").containsAll(asked);
  }

  @Test
  void theVietnameseTextsAreWrittenInVietnamese() throws IOException {
    java.util.Map<String, String> vi = entries("vi");
    long withDiacritics = vi.values().stream().filter(text -> text.chars().anyMatch(c -> c > 127)).count();
    assertThat(withDiacritics).as("Vietnamese texts with diacritics").isGreaterThan(vi.size() / 2);
  }

  private static java.util.Map<String, String> entries(String language) throws IOException {
    java.util.Map<String, String> entries = new java.util.TreeMap<>();
    Matcher matcher = ENTRY.matcher(Files.readString(CONSOLE.resolve("i18n/" + language + ".js")));
    while (matcher.find()) {
      entries.put(matcher.group(1), matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
    }
    return entries;
  }
}
