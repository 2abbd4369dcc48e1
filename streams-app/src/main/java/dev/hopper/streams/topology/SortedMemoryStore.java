package dev.hopper.streams.topology;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An in-memory key-value store whose range scans walk the sorted map itself. Kafka's own in-memory
 * store copies every key a scan covers before returning its first entry, which makes reading the
 * head of a large queue (held orders, timers, open windows) cost the whole queue. Here a scan costs
 * the entries it reads: iterators are weakly consistent views of a concurrent skip list, so writes
 * made while one is open never fail it. Restored from its changelog like any in-memory store; only
 * the stream thread of its task writes to it. Not queryable (interactive queries read other
 * stores).
 */
public final class SortedMemoryStore implements KeyValueStore<Bytes, byte[]> {
  private final String name;
  private final NavigableMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
  private final Position position = Position.emptyPosition();
  private volatile boolean open;

  /** An empty store named {@code name}. */
  public SortedMemoryStore(String name) {
    this.name = name;
  }

  /** The supplier Kafka Streams builds the store from (logging and metering wrap it). */
  public static KeyValueBytesStoreSupplier supplier(String name) {
    return new KeyValueBytesStoreSupplier() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new SortedMemoryStore(name);
      }

      @Override
      public String metricsScope() {
        return "in-memory";
      }
    };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    if (root != null) {
      context.register(root, (StateRestoreCallback) (key, value) -> put(Bytes.wrap(key), value));
    }
    open = true;
  }

  @Override
  public void close() {
    map.clear();
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public Position getPosition() {
    return position;
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    return QueryResult.forUnknownQueryType(query, this);
  }

  @Override
  public byte[] get(Bytes key) {
    return map.get(key);
  }

  @Override
  public void put(Bytes key, byte[] value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  @Override
  public byte[] putIfAbsent(Bytes key, byte[] value) {
    byte[] existing = map.get(key);
    if (existing == null) {
      put(key, value);
    }
    return existing;
  }

  @Override
  public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
    entries.forEach(e -> put(e.key, e.value));
  }

  @Override
  public byte[] delete(Bytes key) {
    return map.remove(key);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
    return scan(bounded(from, to));
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
    return scan(bounded(from, to).descendingMap());
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> all() {
    return scan(map);
  }

  @Override
  public KeyValueIterator<Bytes, byte[]> reverseAll() {
    return scan(map.descendingMap());
  }

  @Override
  public long approximateNumEntries() {
    return map.size();
  }

  /** The entries from {@code from} to {@code to}, both inclusive and either open when null. */
  private NavigableMap<Bytes, byte[]> bounded(Bytes from, Bytes to) {
    if (from != null && to != null) {
      return from.compareTo(to) > 0
          ? map.subMap(from, false, from, false)
          : map.subMap(from, true, to, true);
    }
    if (from != null) {
      return map.tailMap(from, true);
    }
    return to != null ? map.headMap(to, true) : map;
  }

  private static KeyValueIterator<Bytes, byte[]> scan(Map<Bytes, byte[]> view) {
    Iterator<Map.Entry<Bytes, byte[]>> it = view.entrySet().iterator();
    return new KeyValueIterator<>() {
      private Map.Entry<Bytes, byte[]> peeked;

      @Override
      public boolean hasNext() {
        return peeked != null || it.hasNext();
      }

      @Override
      public KeyValue<Bytes, byte[]> next() {
        Map.Entry<Bytes, byte[]> e = peeked != null ? peeked : it.next();
        peeked = null;
        return KeyValue.pair(e.getKey(), e.getValue());
      }

      @Override
      public Bytes peekNextKey() {
        if (peeked == null) {
          peeked = it.next();
        }
        return peeked.getKey();
      }

      @Override
      public void close() {}
    };
  }
}
