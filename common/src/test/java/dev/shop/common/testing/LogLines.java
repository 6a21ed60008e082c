package dev.shop.common.testing;

import ch.qos.logback.classic.Level;
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
    this(java.util.Arrays.stream(sources).map(source -> (Logger) LoggerFactory.getLogger(source)).toList());
  }

  private LogLines(List<Logger> loggers) {
    lines.start();
    this.loggers = loggers;
    loggers.forEach(logger -> logger.addAppender(lines));
  }

  /** The lines of every logger (as far as their levels let them through). */
  public static LogLines ofEverything() {
    return new LogLines(List.of((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)));
  }

  /** Every line so far, as {@code message key=value ...}. */
  public List<String> lines() {
    synchronized (lines) {
      return lines.list.stream().map(LogLines::format).toList();
    }
  }

  /** The lines at WARN or ERROR so far, each with its logger's name first. */
  public List<String> warnings() {
    synchronized (lines) {
      return lines.list.stream().filter(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
          .map(line -> line.getLevel() + " " + line.getLoggerName() + " " + format(line)).toList();
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
