package dev.hopper.streams.query;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Store iterators over lists, counting how many are still open. */
public final class Iterators {
  /** Iterators handed out and not closed yet. */
  public final AtomicInteger open = new AtomicInteger();

  /** A key-value iterator over {@code entries}. */
  public <K, V> KeyValueIterator<K, V> of(List<KeyValue<K, V>> entries) {
    open.incrementAndGet();
    Iterator<KeyValue<K, V>> it = entries.iterator();
    return new KeyValueIterator<>() {
      private boolean closed;

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          open.decrementAndGet();
        }
      }

      @Override
      public K peekNextKey() {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KeyValue<K, V> next() {
        return it.next();
      }
    };
  }

  /** A window iterator over {@code entries} (window start to value). */
  public <V> WindowStoreIterator<V> windows(List<KeyValue<Long, V>> entries) {
    KeyValueIterator<Long, V> delegate = of(entries);
    return new WindowStoreIterator<>() {
      @Override
      public void close() {
        delegate.close();
      }

      @Override
      public Long peekNextKey() {
        return delegate.peekNextKey();
      }

      @Override
      public boolean hasNext() {
        return delegate.hasNext();
      }

      @Override
      public KeyValue<Long, V> next() {
        return delegate.next();
      }
    };
  }
}
