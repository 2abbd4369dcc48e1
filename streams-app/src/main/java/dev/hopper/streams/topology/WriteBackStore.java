package dev.hopper.streams.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
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
 * <p>Reads see pending writes. A store keyed by {@link Bytes} (built with {@link #sortedOver})
 * keeps its pending keys sorted and answers range and full scans by merging them with the store
 * beneath, so a queue's entry added and removed within one commit interval never reaches the store
 * either. Other scans, and entry counts, first write everything back, then read the store beneath,
 * so they are exact and cost what they cost there. Pending entries are bounded ({@link
 * #MAX_PENDING}); beyond that they are written back early, which is what a plain store does anyway.
 * Values are kept by reference: a caller must not change a value after writing it. Interactive
 * queries read the store beneath, as of the last commit: build queried stores without this layer.
 */
public final class WriteBackStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
    implements KeyValueStore<K, V> {
  /** Pending keys (written or read since the last write-back) held at most. */
  static final int MAX_PENDING = 10_000;

  private final Map<K, Slot<V>> slots;

  /** The key order of the store beneath, or null when scans write back first. */
  private final Comparator<? super K> order;

  /** {@link #slots} in that order, or null. */
  private final NavigableMap<K, Slot<V>> sorted;

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
    this(inner, null);
  }

  /**
   * This layer over {@code inner}; with {@code order}, which must be the key order of the store
   * beneath, pending keys are kept sorted and scans merge them with that store.
   */
  private WriteBackStore(KeyValueStore<K, V> inner, Comparator<? super K> order) {
    super(inner);
    this.order = order;
    this.sorted = order == null ? null : new TreeMap<>(order);
    this.slots = order == null ? new HashMap<>() : sorted;
  }

  /**
   * {@code inner} with this layer on top, for {@code StreamsBuilder.addStateStore}. The store
   * beneath needs no record cache: this layer already writes each key once per commit.
   */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> over(
      StoreBuilder<KeyValueStore<K, V>> inner) {
    return new Builder<>(inner, null);
  }

  /**
   * {@code inner}, keyed by {@link Bytes} in their byte order, with this layer on top answering
   * range and full scans from the pending keys merged with the store beneath.
   */
  public static <V> StoreBuilder<KeyValueStore<Bytes, V>> sortedOver(
      StoreBuilder<KeyValueStore<Bytes, V>> inner) {
    return new Builder<Bytes, V>(inner, Comparator.naturalOrder());
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
    if (sorted != null) {
      NavigableMap<K, Slot<V>> view = sorted;
      if (from != null) {
        view = view.tailMap(from, true);
      }
      if (to != null) {
        view = view.headMap(to, true);
      }
      return new Merged<>(wrapped().range(from, to), view, order);
    }
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
    if (sorted != null) {
      return new Merged<>(wrapped().all(), sorted, order);
    }
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
    List<KeyValue<K, V>> writes = new ArrayList<>();
    for (Map.Entry<K, Slot<V>> entry : slots.entrySet()) {
      Slot<V> slot = entry.getValue();
      if (slot.dirty && (slot.value != null || slot.below)) {
        writes.add(KeyValue.pair(entry.getKey(), slot.value));
      }
    }
    slots.clear();
    for (KeyValue<K, V> write : writes) {
      // A null value deletes (every Kafka serde writes null as null); unlike delete(), a put does
      // not read back and deserialize the value it replaces.
      below.put(write.key, write.value);
    }
  }

  /**
   * The entries of a scan of the store beneath, with the pending entries of the same range in their
   * place: a pending value replaces the store's, a pending delete hides it. The pending entries are
   * copied when the scan starts, so writes made while it is open do not disturb it.
   */
  private static final class Merged<K, V> implements KeyValueIterator<K, V> {
    private final KeyValueIterator<K, V> below;
    private final Comparator<? super K> order;
    private final List<K> keys;
    private final List<V> values;
    private int index;
    private KeyValue<K, V> next;

    Merged(
        KeyValueIterator<K, V> below,
        NavigableMap<K, Slot<V>> pending,
        Comparator<? super K> order) {
      this.below = below;
      this.order = order;
      this.keys = new ArrayList<>(pending.size());
      this.values = new ArrayList<>(pending.size());
      for (Map.Entry<K, Slot<V>> entry : pending.entrySet()) {
        keys.add(entry.getKey());
        values.add(entry.getValue().value); // as of now, not as of a later write
      }
      this.next = advance();
    }

    private KeyValue<K, V> advance() {
      while (true) {
        K low = below.hasNext() ? below.peekNextKey() : null;
        K high = index < keys.size() ? keys.get(index) : null;
        if (low == null && high == null) {
          return null;
        }
        int c = low == null ? 1 : high == null ? -1 : order.compare(low, high);
        if (c < 0) {
          return below.next();
        }
        if (c == 0) {
          below.next(); // replaced or hidden by the pending entry
        }
        V value = values.get(index++);
        if (value != null) {
          return KeyValue.pair(high, value);
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public KeyValue<K, V> next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      KeyValue<K, V> current = next;
      next = advance();
      return current;
    }

    @Override
    public K peekNextKey() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      return next.key;
    }

    @Override
    public void close() {
      below.close();
    }
  }

  /** Builds the store beneath with Kafka Streams' builder, and this layer over it. */
  private static final class Builder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final StoreBuilder<KeyValueStore<K, V>> inner;
    private final Comparator<? super K> order;

    Builder(StoreBuilder<KeyValueStore<K, V>> inner, Comparator<? super K> order) {
      this.inner = inner;
      this.order = order;
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
      return new WriteBackStore<>(inner.build(), order);
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
