package dev.hopper.streams.topology;

import java.util.Collections;
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
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.ResultOrder;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An in-memory key-value store whose range scans walk the sorted map itself. Kafka's own in-memory
 * store copies every key a scan covers before returning its first entry, which makes reading the
 * head of a large queue (held orders, open windows) cost the whole queue. Here a scan costs the
 * entries it reads: iterators are weakly consistent views of a concurrent skip list, so writes made
 * while one is open never fail it. Restored from its changelog like any in-memory store; only the
 * stream thread of its task writes to it. Interactive queries (IQv2) read it with key and range
 * queries, within the position bound they ask for.
 */
public final class SortedMemoryStore implements KeyValueStore<Bytes, byte[]> {
  private final String name;
  private final NavigableMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
  private final Position position = Position.emptyPosition();
  private StateStoreContext context;
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
    this.context = context;
    if (root != null) {
      // Restored records are not input records: written without moving the position.
      context.register(root, (StateRestoreCallback) (key, value) -> write(Bytes.wrap(key), value));
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
  @SuppressWarnings("unchecked")
  public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
    if (!reached(bound)) {
      return QueryResult.notUpToBound(position, bound, null);
    }
    QueryResult<?> result;
    if (query instanceof RangeQuery<?, ?> q) {
      RangeQuery<Bytes, byte[]> range = (RangeQuery<Bytes, byte[]>) q;
      Bytes from = range.getLowerBound().orElse(null);
      Bytes to = range.getUpperBound().orElse(null);
      result =
          QueryResult.forResult(
              range.resultOrder() == ResultOrder.DESCENDING
                  ? reverseRange(from, to)
                  : range(from, to));
    } else if (query instanceof KeyQuery<?, ?> q) {
      result = QueryResult.forResult(get(((KeyQuery<Bytes, byte[]>) q).getKey()));
    } else {
      return QueryResult.forUnknownQueryType(query, this);
    }
    if (config.isCollectExecutionInfo()) {
      result.addExecutionInfo(getClass().getSimpleName() + " " + name + ": " + query);
    }
    result.setPosition(position.copy());
    return (QueryResult<R>) result;
  }

  /** Whether this store has seen every input offset {@code bound} asks for. */
  private boolean reached(PositionBound bound) {
    if (bound.isUnbounded()) {
      return true;
    }
    Position wanted = bound.position();
    for (String topic : wanted.getTopics()) {
      Map<Integer, Long> seen = position.getPartitionPositions(topic);
      for (Map.Entry<Integer, Long> p : wanted.getPartitionPositions(topic).entrySet()) {
        Long offset = seen.get(p.getKey());
        if (offset == null || offset < p.getValue()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Notes the input offset being processed as reflected in this store. */
  private void track() {
    if (context != null) {
      context
          .recordMetadata()
          .filter(m -> m.topic() != null) // a cache flush or a punctuation has no input record
          .ifPresent(m -> position.withComponent(m.topic(), m.partition(), m.offset()));
    }
  }

  @Override
  public byte[] get(Bytes key) {
    return map.get(key);
  }

  @Override
  public void put(Bytes key, byte[] value) {
    track();
    write(key, value);
  }

  private void write(Bytes key, byte[] value) {
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
    track();
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
          ? Collections.emptyNavigableMap()
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
