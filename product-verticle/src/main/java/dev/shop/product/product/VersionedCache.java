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

  private final Map<String, Versioned<V>> entries;

  VersionedCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Versioned<V>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The value kept for {@code key}, with the version it was computed at. */
  Optional<Versioned<V>> find(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** The value of {@code key} if it was computed at {@code version}. */
  Optional<V> get(long version, String key) {
    return find(key).filter(entry -> entry.version() == version).map(Versioned::value);
  }

  void put(String key, Versioned<V> value) {
    entries.put(key, value);
  }
}
