package dev.hopper.streams.topology.orders;

import dev.hopper.avro.CoinQuote;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * The valuation quotes of one enrichment task: the versioned store (durable, restored from its
 * changelog) with the versions of each pair also kept in a sorted map, which answers the lookups as
 * of an order's time.
 *
 * <p>Why: the versioned store answers "as of t" by reading its segments from the newest back to t,
 * one RocksDB read each. During a backlog drain the quotes run far ahead of the orders (they are
 * few and travel their own path), so every lookup walked hundreds of segments. The sorted map
 * answers in O(log n) without a read or a deserialization.
 *
 * <p>Exactness: the map of a pair is complete from a time on ({@code completeFrom}): on first use
 * it is seeded from the store back to a version older than the newest minus the grace, and no quote
 * older than that is accepted afterwards (late quotes are dropped), so every version at or after
 * {@code completeFrom} is in the map. Lookups before it, and versions past the store's history
 * retention, are left to the store, which keeps its own retention rules.
 */
final class QuoteHistory {
  private final VersionedKeyValueStore<String, CoinQuote> store;
  private final long graceMs;
  private final long retentionMs;
  private final Map<String, Versions> pairs = new HashMap<>();

  QuoteHistory(VersionedKeyValueStore<String, CoinQuote> store, long graceMs, long retentionMs) {
    this.store = store;
    this.graceMs = graceMs;
    this.retentionMs = retentionMs;
  }

  private static final class Versions {
    final NavigableMap<Long, CoinQuote> byTime = new TreeMap<>();
    long completeFrom = Long.MIN_VALUE;
  }

  /** The time of the newest quote of {@code pair}, or null when it has none. */
  Long newest(String pair) {
    Versions v = versions(pair);
    return v.byTime.isEmpty() ? null : v.byTime.lastKey();
  }

  /**
   * Stores {@code quote} of {@code pair} at {@code time}, unless it is late: older than the newest
   * quote of the pair minus the grace. Returns whether it was stored.
   */
  boolean put(String pair, CoinQuote quote, long time) {
    Versions v = versions(pair);
    if (!v.byTime.isEmpty() && time < v.byTime.lastKey() - graceMs) {
      return false;
    }
    store.put(pair, quote, time);
    v.byTime.put(time, quote);
    long horizon = v.byTime.lastKey() - retentionMs;
    if (v.byTime.firstKey() < horizon) {
      v.byTime.headMap(horizon, false).clear();
      v.completeFrom = v.byTime.isEmpty() ? horizon : v.byTime.firstKey();
    }
    return true;
  }

  /** The quote of {@code pair} in force at {@code time} (the newest at or before it), or null. */
  CoinQuote asOf(String pair, long time) {
    Versions v = versions(pair);
    if (time < v.completeFrom) {
      VersionedRecord<CoinQuote> r = store.get(pair, time);
      return r == null ? null : r.value();
    }
    Map.Entry<Long, CoinQuote> e = v.byTime.floorEntry(time);
    return e == null ? null : e.getValue();
  }

  /** The versions of {@code pair}, seeded from the store on first use (e.g. after a restart). */
  private Versions versions(String pair) {
    Versions v = pairs.get(pair);
    if (v != null) {
      return v;
    }
    v = new Versions();
    VersionedRecord<CoinQuote> r = store.get(pair);
    if (r != null) {
      long settled = r.timestamp() - graceMs;
      while (r != null) {
        v.byTime.put(r.timestamp(), r.value());
        v.completeFrom = r.timestamp();
        if (r.timestamp() < settled || r.timestamp() == Long.MIN_VALUE) {
          break;
        }
        r = store.get(pair, r.timestamp() - 1);
      }
      if (r == null) {
        v.completeFrom = Long.MIN_VALUE; // the store has nothing older
      }
    }
    pairs.put(pair, v);
    return v;
  }
}
