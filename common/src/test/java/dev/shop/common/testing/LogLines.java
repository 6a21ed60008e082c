package dev.shop.common.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The lines logged by some loggers while it is open, each as its message and its key-value pairs. */
public final class LogLines implements AutoCloseable {

  private final List<Logger> loggers;
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  public LogLines(Class<?>... sources) {
    lines.start();
    loggers = java.util.Arrays.stream(sources).map(source -> (Logger) LoggerFactory.getLogger(source)).toList();
    loggers.forEach(logger -> logger.addAppender(lines));
  }

  /** Every line so far, as {@code message key=value ...}. */
  public List<String> lines() {
    synchronized (lines) {
      return lines.list.stream().map(LogLines::format).toList();
    }
  }

  private static String format(ILoggingEvent line) {
    StringBuilder text = new StringBuilder(line.getFormattedMessage());
    if (line.getKeyValuePairs() != null) {
      line.getKeyValuePairs().forEach(pair -> text.append(' ').append(pair.key).append('=').append(pair.value));
    }
    return text.toString();
  }

  @Override
  public void close() {
    loggers.forEach(logger -> logger.detachAppender(lines));
  }
}
