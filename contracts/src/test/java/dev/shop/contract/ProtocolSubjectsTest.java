package dev.shop.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shop.common.bus.ServiceNames;
import dev.shop.common.event.PipelineState;
import dev.shop.contract.ar.ArSubjects;
import dev.shop.contract.cart.CartSubjects;
import dev.shop.contract.order.OrderEvents;
import dev.shop.contract.order.OrderSubjects;
import dev.shop.contract.payment.PaymentEvents;
import dev.shop.contract.payment.PaymentSubjects;
import dev.shop.contract.product.ProductEvents;
import dev.shop.contract.product.ProductSubjects;
import dev.shop.contract.report.ReportSubjects;
import dev.shop.contract.user.UserEvents;
import dev.shop.contract.user.UserSubjects;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md lists exactly the subjects of the contracts, each under the service that has it;
 * docs/events.md's table of events lists exactly the event types of the contracts, each with its producer;
 * the subject every service answers besides its own is documented under that name.
 */
class ProtocolSubjectsTest {

  /** Each service as PROTOCOL.md's headings name it ("### user service"), and its contract's subjects. */
  private static final Map<String, Class<?>> SERVICES = Map.of(
      "user", UserSubjects.class,
      "product", ProductSubjects.class,
      "cart", CartSubjects.class,
      "order", OrderSubjects.class,
      "payment", PaymentSubjects.class,
      "report", ReportSubjects.class,
      "ar", ArSubjects.class);

  /** Each producer as docs/events.md's table names it, and its contract's event types. */
  private static final Map<String, Class<?>> PRODUCERS = Map.of(
      "user", UserEvents.class,
      "product", ProductEvents.class,
      "order", OrderEvents.class,
      "payment", PaymentEvents.class);

  /** A row of the events table: the type in backquotes, then its producer. */
  private static final Pattern EVENT_ROW = Pattern.compile("^\\| `([a-z]+\\.[A-Za-z]+)` \\| ([a-z]+) \\|");

  /** A subject table's row: its first cell is the subject in backquotes. */
  private static final Pattern SUBJECT_ROW = Pattern.compile("^\\| `([A-Za-z]+\\.[A-Za-z]+)` \\|");
  private static final Pattern SERVICE_HEADING = Pattern.compile("^### .*?\\b([a-z]+) service\\b");

  @Test
  void everySubjectOfTheProtocolIsInItsServicesContractAndViceVersa() throws IOException {
    Map<String, Set<String>> documented = documentedSubjects();
    Map<String, Set<String>> contracts = new TreeMap<>();
    SERVICES.forEach((service, subjects) -> contracts.put(service, new TreeSet<>(constants(subjects))));

    assertThat(documented).isEqualTo(contracts);
  }

  /** The one table row of {@link PipelineState#subject}, each service's instance of it in its namespace. */
  @Test
  void theSubjectEveryServiceAnswersIsDocumented() throws IOException {
    Path protocol = Path.of(System.getProperty("basedir", "."), "..", "docs", "PROTOCOL.md");
    String generic = PipelineState.subject("<service>");
    List<String> rows = Files.readAllLines(protocol).stream().filter(line -> line.startsWith("| `" + generic + "`"))
        .toList();

    assertThat(rows).as("the row of %s in %s", generic, protocol).hasSize(1);
    assertThat(ServiceNames.ALL).as("the services of its contracts")
        .containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
    for (String service : ServiceNames.ALL) {
      assertThat(PipelineState.subject(service)).startsWith(service + ".")
          .as("in the namespace of %s, not a contract subject", service)
          .isNotIn(constants(SERVICES.get(service)));
    }
  }

  @Test
  void noTwoConstantsNameTheSameSubject() {
    List<String> all = new ArrayList<>();
    SERVICES.values().forEach(subjects -> all.addAll(constants(subjects)));

    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void everyEventOfTheEventsPageIsInItsProducersContractAndViceVersa() throws IOException {
    Path events = Path.of(System.getProperty("basedir", "."), "..", "docs", "events.md");
    Map<String, Set<String>> documented = new TreeMap<>();
    for (String line : Files.readAllLines(events)) {
      Matcher row = EVENT_ROW.matcher(line);
      if (row.find()) {
        documented.computeIfAbsent(row.group(2), producer -> new TreeSet<>()).add(row.group(1));
      }
    }
    Map<String, Set<String>> contracts = new TreeMap<>();
    PRODUCERS.forEach((producer, types) -> contracts.put(producer, new TreeSet<>(constants(types))));

    assertThat(documented).as("the events table of %s", events).isEqualTo(contracts);
  }

  /** The subjects of each service's tables in the "Subjects" section, by service. */
  private static Map<String, Set<String>> documentedSubjects() throws IOException {
    Path protocol = Path.of(System.getProperty("basedir", "."), "..", "docs", "PROTOCOL.md");
    Map<String, Set<String>> found = new TreeMap<>();
    boolean inSubjects = false;
    String service = null;
    for (String line : Files.readAllLines(protocol)) {
      if (line.startsWith("## ")) {
        inSubjects = line.equals("## Subjects");
        service = null;
        continue;
      }
      if (!inSubjects) {
        continue;
      }
      Matcher heading = SERVICE_HEADING.matcher(line);
      if (heading.find()) {
        service = heading.group(1);
        assertThat(SERVICES).as("a contract for the service of \"%s\"", line).containsKey(service);
        continue;
      }
      Matcher row = SUBJECT_ROW.matcher(line);
      if (row.find()) {
        assertThat(service).as("the service of the subject %s", row.group(1)).isNotNull();
        found.computeIfAbsent(service, s -> new TreeSet<>()).add(row.group(1));
      }
    }
    assertThat(found).as("subject tables in %s", protocol).isNotEmpty();
    return found;
  }

  private static List<String> constants(Class<?> subjects) {
    return Arrays.stream(subjects.getDeclaredFields())
        .filter(field -> field.getType() == String.class && Modifier.isStatic(field.getModifiers())
            && Modifier.isPublic(field.getModifiers()))
        .map(ProtocolSubjectsTest::value)
        .toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
