package dev.shop.product.product;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Values computed from the catalogue, each remembered with the catalogue version it was computed
 * at and trusted only while the catalogue is still at that version. Least recently used entries
 * go first past {@code capacity}. Confined to one verticle's event loop: not thread-safe.
 */
final class VersionedCache<V> {

  private record Entry<V>(long version, V value) {
  }

  private final Map<String, Entry<V>> entries;

  VersionedCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The value kept for {@code key}, with the version it was computed at. */
  Optional<Versioned<V>> find(String key) {
    Entry<V> entry = entries.get(key);
    return entry == null ? Optional.empty() : Optional.of(new Versioned<>(entry.version(), entry.value()));
  }

  /** The value of {@code key} if it was computed at {@code version}. */
  Optional<V> get(long version, String key) {
    Entry<V> entry = entries.get(key);
    return entry != null && entry.version() == version ? Optional.of(entry.value()) : Optional.empty();
  }

  void put(long version, String key, V value) {
    entries.put(key, new Entry<>(version, value));
  }
}
