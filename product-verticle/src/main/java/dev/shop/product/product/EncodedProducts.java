package dev.shop.product.product;

import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Products' ProductResponse as encoded JSON, each kept with the row version it was encoded from
 * and used only while the product's row version is the same. Encoding twenty products with their
 * categories is most of what a list page costs; most pages show products already encoded.
 * Least recently used first out past {@code capacity}. Confined to one event loop.
 */
final class EncodedProducts {

  private record Entry(RowVersion version, Buffer json) {
  }

  private final Map<UUID, Entry> entries;

  EncodedProducts(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The product's encoding, if it was made from this row version. */
  Optional<Buffer> get(RowVersion version) {
    Entry entry = entries.get(version.id());
    return entry != null && entry.version().equals(version) ? Optional.of(entry.json()) : Optional.empty();
  }

  /** Encodes the product as read and keeps it. */
  Buffer encode(RowVersion.Read read) {
    Buffer json = read.product().toResponse().toBuffer();
    entries.put(read.version().id(), new Entry(read.version(), json));
    return json;
  }
}
