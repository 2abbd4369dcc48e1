package dev.hopper.streams.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that holds what its processor wrote since the last commit as objects, and
 * writes it to the store beneath (metered, logged, RocksDB or in memory) only when the task
 * commits. A key written for every record (a stream time) then costs a map update per record
 * instead of a serialization, a store write and a changelog record; a key written and deleted
 * within one commit interval (an order decided soon after it arrived) never reaches the store or
 * its changelog at all.
 *
 * <p>Exactness does not move: everything written reaches the store beneath, and so its changelog,
 * before the commit that covers the input offsets it came from. Kafka Streams flushes the record
 * caches of a task's stores ({@code CachedStateStore.flushCache}, which this store implements by
 * way of {@link WrappedStateStore}) before it sends the task's offsets and, under exactly-once,
 * commits its transaction; this store writes back there, then lets the stores beneath flush. A task
 * closed without a commit (a crash, a fenced producer) drops what was pending, like the record
 * cache: its state comes back from the changelog, and its input is processed again.
 *
 * <p>Reads see pending writes. Range scans, full scans and entry counts first write everything
 * back, then read the store beneath, so they are exact and cost what they cost there. Pending
 * entries are bounded ({@link #MAX_PENDING}); beyond that they are written back early, which is
 * what a plain store does anyway. Values are kept by reference: a caller must not change a value
 * after writing it. Interactive queries read the store beneath, as of the last commit: build
 * queried stores without this layer.
 */
public final class WriteBackStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
    implements KeyValueStore<K, V> {
  /** Pending keys (written or read since the last write-back) held at most. */
  static final int MAX_PENDING = 10_000;

  private final Map<K, Slot<V>> slots = new HashMap<>();

  /** A value as of now; {@code dirty} when not yet written below; {@code below} if it may be. */
  private static final class Slot<V> {
    V value;
    boolean dirty;
    boolean below;

    Slot(V value, boolean dirty, boolean below) {
      this.value = value;
      this.dirty = dirty;
      this.below = below;
    }
  }

  /** This layer over {@code inner}, the store Kafka Streams' own builder made. */
  public WriteBackStore(KeyValueStore<K, V> inner) {
    super(inner);
  }

  /**
   * {@code inner} with this layer on top, for {@code StreamsBuilder.addStateStore}. The store
   * beneath needs no record cache: this layer already writes each key once per commit.
   */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> over(
      StoreBuilder<KeyValueStore<K, V>> inner) {
    return new Builder<>(inner);
  }

  @Override
  public V get(K key) {
    Slot<V> slot = slots.get(key);
    if (slot != null) {
      return slot.value;
    }
    V value = wrapped().get(key);
    remember(key, new Slot<>(value, false, value != null));
    return value;
  }

  @Override
  public void put(K key, V value) {
    Slot<V> slot = slots.get(key);
    if (slot == null) {
      // Not read first: it may exist below, so a later delete must reach the store.
      remember(key, new Slot<>(value, true, true));
    } else {
      slot.value = value;
      slot.dirty = true;
    }
  }

  @Override
  public V putIfAbsent(K key, V value) {
    V current = get(key);
    if (current == null) {
      put(key, value);
    }
    return current;
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    for (KeyValue<K, V> entry : entries) {
      put(entry.key, entry.value);
    }
  }

  /**
   * Deletes {@code key} and returns its value, read first; {@code put(key, null)} reads nothing.
   */
  @Override
  public V delete(K key) {
    V current = get(key);
    put(key, null);
    return current;
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    writeBack();
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(K from, K to) {
    writeBack();
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<K, V> all() {
    writeBack();
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<K, V> reverseAll() {
    writeBack();
    return wrapped().reverseAll();
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, S serializer) {
    writeBack();
    return wrapped().prefixScan(prefix, serializer);
  }

  @Override
  public long approximateNumEntries() {
    writeBack();
    return wrapped().approximateNumEntries();
  }

  /** Before the task commits: everything pending goes below, then the stores there flush. */
  @Override
  public void flushCache() {
    writeBack();
    super.flushCache();
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    writeBack(); // nothing is pending after flushCache; kept for any path that skips it
    super.commit(changelogOffsets);
  }

  /** Called when the task's state is discarded: what was pending goes with it. */
  @Override
  public void clearCache() {
    slots.clear();
    super.clearCache();
  }

  @Override
  public void close() {
    slots.clear(); // a clean close commits first, so only an unclean one drops writes here
    super.close();
  }

  private void remember(K key, Slot<V> slot) {
    if (slots.size() >= MAX_PENDING) {
      writeBack();
    }
    slots.put(key, slot);
  }

  private void writeBack() {
    if (slots.isEmpty()) {
      return;
    }
    KeyValueStore<K, V> below = wrapped();
    for (Map.Entry<K, Slot<V>> entry : slots.entrySet()) {
      Slot<V> slot = entry.getValue();
      if (slot.dirty && (slot.value != null || slot.below)) {
        // A null value deletes (every Kafka serde writes null as null); unlike delete(), a put
        // does not read back and deserialize the value it replaces.
        below.put(entry.getKey(), slot.value);
      }
    }
    slots.clear();
  }

  /** Builds the store beneath with Kafka Streams' builder, and this layer over it. */
  private static final class Builder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final StoreBuilder<KeyValueStore<K, V>> inner;

    Builder(StoreBuilder<KeyValueStore<K, V>> inner) {
      this.inner = inner;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
      inner.withCachingEnabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
      inner.withCachingDisabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public KeyValueStore<K, V> build() {
      return new WriteBackStore<>(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
