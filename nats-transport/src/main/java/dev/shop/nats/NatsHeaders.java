package dev.shop.nats;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header block of a NATS message ({@code NATS/1.0[ status[ description]]}, then
 * {@code Name: value} lines and an empty line), as the core protocol carries it in HPUB and HMSG.
 * A message carries few headers, so they are a flat list searched in order.
 */
final class NatsHeaders {

  private static final byte[] VERSION_LINE = "NATS/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] SEPARATOR = {':', ' '};

  private final List<String> namesAndValues = new ArrayList<>(16);
  private int status;

  /** Adds a header; null values are left out. CR and LF cannot be carried and become spaces. */
  NatsHeaders put(String name, String value) {
    if (value != null) {
      namesAndValues.add(name);
      namesAndValues.add(oneLine(value));
    }
    return this;
  }

  /** The first value of a header, or null. */
  String first(String name) {
    for (int i = 0; i < namesAndValues.size(); i += 2) {
      if (namesAndValues.get(i).equals(name)) {
        return namesAndValues.get(i + 1);
      }
    }
    return null;
  }

  /** The status of the version line (503: no responders), or 0 when it has none. */
  int status() {
    return status;
  }

  boolean isEmpty() {
    return namesAndValues.isEmpty();
  }

  /** The block as it goes on the wire. */
  Buffer encode() {
    Buffer block = Buffer.buffer(64 + namesAndValues.size() * 24).appendBytes(VERSION_LINE);
    for (int i = 0; i < namesAndValues.size(); i += 2) {
      block.appendString(namesAndValues.get(i), "UTF-8").appendBytes(SEPARATOR)
          .appendString(namesAndValues.get(i + 1), "UTF-8").appendBytes(CRLF);
    }
    return block.appendBytes(CRLF);
  }

  /** Reads the block at the start of {@code message}, {@code length} bytes long. */
  static NatsHeaders parse(Buffer message, int length) {
    NatsHeaders headers = new NatsHeaders();
    String block = message.getString(0, length, "UTF-8");
    int lineEnd = block.indexOf("\r\n");
    if (lineEnd < 0 || !block.startsWith("NATS/")) {
      throw new IllegalArgumentException("not a NATS header block");
    }
    String versionLine = block.substring(0, lineEnd);
    int space = versionLine.indexOf(' ');
    if (space > 0) {
      String rest = versionLine.substring(space + 1).trim();
      int end = rest.indexOf(' ');
      headers.status = Integer.parseInt(end < 0 ? rest : rest.substring(0, end));
    }
    int start = lineEnd + 2;
    while (start < block.length()) {
      int end = block.indexOf("\r\n", start);
      if (end < 0) {
        end = block.length();
      }
      if (end > start) {
        int colon = block.indexOf(':', start);
        if (colon > start && colon < end) {
          headers.namesAndValues.add(block.substring(start, colon).trim());
          headers.namesAndValues.add(block.substring(colon + 1, end).trim());
        }
      }
      start = end + 2;
    }
    return headers;
  }

  private static String oneLine(String value) {
    return value.indexOf('\r') < 0 && value.indexOf('\n') < 0 ? value : value.replace('\r', ' ').replace('\n', ' ');
  }
}
