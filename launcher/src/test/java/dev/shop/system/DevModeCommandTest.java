package dev.shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options the README starts dev mode with are the ones the benchmark starts it with
 * (bench/run.sh, bench/ab.sh and BenchSmokeTest's platform), so the benchmark's memory figure is the platform's as the README
 * starts it (issue 29) and the two cannot drift apart.
 */
class DevModeCommandTest {

  /** A start of shop.jar as the README shows it: {@code java <options> -jar launcher/target/shop.jar}. */
  private static final Pattern README_START = Pattern.compile("java((?: -\\S+)*) -jar launcher/target/shop\\.jar");
  /** run.sh's {@code README_JAVA_OPTS="<options>"}, ab.sh's {@code JAVA_OPTS=${JAVA_OPTS:-<options>}}. */
  private static final Pattern SCRIPT_OPTIONS = Pattern.compile(
      "^(?:README_JAVA_OPTS=\"([^\"]*)\"|JAVA_OPTS=\\$\\{JAVA_OPTS:-([^}]*)})$", Pattern.MULTILINE);

  @Test
  void theReadmesDevModeCommandBoundsTheHeap() {
    String options = readmeStarts().get(0);
    assertThat(options).contains("-Xmx");
    assertThat(Repository.text("README.md"))
        .contains("\nmvn -q package -DskipTests && java " + options + " -jar launcher/target/shop.jar\n");
  }

  @Test
  void everyStartOfShopJarInTheReadmeAndTheCatalogueGuideUsesTheSameOptions() {
    List<String> starts = new ArrayList<>(readmeStarts());
    starts.addAll(starts("docs/catalogue.md"));
    assertThat(starts).hasSizeGreaterThanOrEqualTo(4).containsOnly(readmeStarts().get(0));
  }

  @Test
  void theBenchmarkScriptsStartThePlatformAsTheReadmeDoes() {
    String readme = readmeStarts().get(0);
    String run = Repository.text("bench/run.sh");
    assertThat(scriptOptions(run)).as("run.sh's README_JAVA_OPTS").isEqualTo(readme);
    assertThat(run).as("run.sh's default JAVA_OPTS").contains("\nJAVA_OPTS=${JAVA_OPTS:-$README_JAVA_OPTS}\n");
    assertThat(scriptOptions(Repository.text("bench/ab.sh"))).as("ab.sh's default JAVA_OPTS").isEqualTo(readme);
    // BenchSmokeTest's platform too.
    assertThat(Repository.text("bench/src/test/java/dev/shop/bench/PlatformProcess.java"))
        .contains("JVM_OPTIONS = List.of(\"" + String.join("\", \"", readme.split(" ")) + "\");");
  }

  private static String scriptOptions(String script) {
    Matcher options = SCRIPT_OPTIONS.matcher(script);
    assertThat(options.find()).as("JVM options in\n" + script).isTrue();
    return options.group(1) != null ? options.group(1) : options.group(2);
  }

  private static List<String> readmeStarts() {
    return starts("README.md");
  }

  /** The options of every start of shop.jar in a document, in order. */
  private static List<String> starts(String document) {
    Matcher start = README_START.matcher(Repository.text(document));
    List<String> options = new ArrayList<>();
    while (start.find()) {
      options.add(start.group(1).strip());
    }
    return options;
  }
}
