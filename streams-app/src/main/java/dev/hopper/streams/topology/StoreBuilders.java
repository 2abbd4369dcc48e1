package dev.hopper.streams.topology;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * How Hopper's state stores are built: point-lookup stores in RocksDB, queue-like stores in memory,
 * windows in RocksDB with size-bounded changelogs. Shared by the topology and the benchmark's
 * sales-only job, so that both run the same stores.
 */
public final class StoreBuilders {
  /**
   * Window changelogs are bounded by size, not by time: a backlog's event times can be far older
   * than the broker's clock, and time-based retention would delete a restoring store's history.
   */
  public static final Map<String, String> WINDOW_CHANGELOG =
      Map.of("retention.ms", "-1", "retention.bytes", Long.toString(1L << 30));

  private StoreBuilders() {}

  /**
   * A key-value store the REST API queries, in RocksDB, behind the record cache: a key written for
   * every record reaches RocksDB and its changelog once per commit, not once per record.
   *
   * <p>Every RocksDB key-value store the REST API queries is built this way (or, in the DSL, keeps
   * the default cache), whatever the cache costs: in Kafka Streams 4.3.1 a plain {@code
   * RocksDBStore} takes its own lock and then its position's in {@code put}, but the position's and
   * then its own in an interactive query, so a query running while the stream thread writes can
   * deadlock both (the benchmark's lookups did, with the customer statistics uncached). The caching
   * layer runs queries and the writes it flushes under one read-write lock, so they never meet
   * there.
   */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> kv(
      String name, Serde<K> keySerde, Serde<V> valueSerde) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, valueSerde)
        .withCachingEnabled();
  }

  /**
   * A key-value store no query reads, in RocksDB under a {@link WriteBackStore}: a few hot keys (a
   * stream time, a watermark) or one entry per business key (a pending order, an order's payments).
   * Writes stay objects until the task commits, so a key written for every record reaches RocksDB
   * and its changelog once per commit, and a key written and deleted within one commit interval
   * never does. The record cache beneath would only add a sorted-map lookup to every read and
   * write. Never for a store the REST API queries: see {@link #kv}.
   */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> table(
      String name, Serde<K> keySerde, Serde<V> valueSerde) {
    return WriteBackStore.over(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keySerde, valueSerde));
  }

  /**
   * A store read in key order from its head and emptied from there: held orders, pending price
   * moves, open windows. It lives in memory (a {@link SortedMemoryStore}, restored from its
   * changelog on start) because RocksDB keeps the deleted head as tombstones until a compaction, so
   * every seek to the head of a busy queue skips more of them and a backlog drain slows down as it
   * goes.
   */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> queue(
      String name, Serde<K> keySerde, Serde<V> valueSerde) {
    return Stores.keyValueStoreBuilder(SortedMemoryStore.supplier(name), keySerde, valueSerde);
  }

  /**
   * The stores of the sales-by-category stages: the per-partition partials and their watermark
   * (stage 2), the final windows, the open-window index and the upstream watermarks (stage 3).
   */
  public static void addSalesStores(
      StreamsBuilder builder, HopperSerdes serdes, TopologySettings settings) {
    // Updated by every order and emptied at every tick: written back, so an order costs a map
    // update and the changelog gets each partial once per commit (a tick's scan of the few open
    // partials writes them back first).
    builder.addStateStore(
        WriteBackStore.over(
            queue(Names.SALES_PARTIALS_STORE, Serdes.Bytes(), serdes.categorySales())));
    builder.addStateStore(
        table(Names.SALES_PARTIALS_WATERMARK_STORE, Serdes.String(), Serdes.Long()));
    Duration minimum = settings.salesWindow().plus(settings.salesGrace());
    Duration retention =
        settings.salesRetention().compareTo(minimum) >= 0 ? settings.salesRetention() : minimum;
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(
                    Names.salesStore(settings.salesLabel()),
                    retention,
                    settings.salesWindow(),
                    false),
                serdes.key(),
                serdes.categorySales())
            .withLoggingEnabled(WINDOW_CHANGELOG));
    builder.addStateStore(
        queue(Names.SALES_OPEN_WINDOWS_STORE, Serdes.Bytes(), serdes.categorySales()));
    builder.addStateStore(table(Names.SALES_WATERMARKS_STORE, Serdes.Integer(), Serdes.Long()));
  }
}
