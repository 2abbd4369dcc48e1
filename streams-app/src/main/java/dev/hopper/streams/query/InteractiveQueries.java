package dev.hopper.streams.query;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.CustomerStats;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import dev.hopper.streams.topology.flow.OrderedKeys;
import dev.hopper.streams.topology.flow.StoreValues;
import dev.hopper.streams.topology.quotes.CandleAggregate;
import dev.hopper.streams.topology.quotes.LatestQuotes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.query.WindowRangeQuery;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hopper's interactive queries over the local state stores (IQv2): the latest quotes, candles,
 * sales by category and customer stats. Key queries go through the {@link StoreLocator} and come
 * back as an {@link Outcome}: found here, held by another instance, unknown, or rebalancing.
 * Queries over all keys read only this instance's partitions and say which ones ({@link
 * LocalScan}); the HTTP layer fans them out and merges.
 *
 * <p>A window's {@code final} flag follows SPEC: a candle is final once its end plus the grace is
 * at or before the stream time of its partition (the newest quote time in the latest-quote store of
 * that partition, which runs in the same task); a sales window once its operator has closed and
 * emitted it (it is no longer among the open windows of its partition).
 */
public final class InteractiveQueries {
  private static final Logger LOG = LoggerFactory.getLogger(InteractiveQueries.class);
  private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final StreamsView view;
  private final StoreLocator locator;
  private final TopologySettings settings;

  /** Queries over {@code view}, located by {@code locator}, for a topology built from settings. */
  public InteractiveQueries(StreamsView view, StoreLocator locator, TopologySettings settings) {
    this.view = Objects.requireNonNull(view, "view");
    this.locator = Objects.requireNonNull(locator, "locator");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The locator these queries use. */
  public StoreLocator locator() {
    return locator;
  }

  /** The latest quote of {@code pair} ({@code coinId:vsCurrency}). */
  public Outcome<CoinQuote> latestQuote(String pair, boolean allowStale) {
    return byKey(
        Names.LATEST_QUOTES_STORE,
        pair,
        allowStale,
        (partition, stale) -> {
          CoinQuote quote =
              readKey(Names.LATEST_QUOTES_STORE, KeyQuery.withKey(pair), partition, stale);
          return quote == null
              ? new Outcome.NotFound<>("no quote for " + pair)
              : new Outcome.Found<>(quote, stale);
        });
  }

  /**
   * The candles of {@code pair} in {@code interval} whose start lies in {@code range}, oldest
   * first, the open window included; not found when the pair has no quote at all.
   */
  public Outcome<List<CandleWindow>> candles(
      String pair, CandleInterval interval, TimeRange range, boolean allowStale) {
    String store = Names.candlesStore(interval.label());
    long size = interval.size().toMillis();
    long graceMs = settings.candleGrace().toMillis();
    return byKey(
        store,
        pair,
        allowStale,
        (partition, stale) -> {
          // The latest-quote store of this partition: does the pair exist, and the stream time.
          boolean known = false;
          long streamTime = Long.MIN_VALUE;
          try (KeyValueIterator<String, Object> all =
              readKey(Names.LATEST_QUOTES_STORE, RangeQuery.withNoBounds(), partition, stale)) {
            while (all.hasNext()) {
              KeyValue<String, Object> kv = all.next();
              CoinQuote q = StoreValues.plain(kv.value);
              known |= pair.equals(kv.key);
              if (q != null) {
                streamTime = Math.max(streamTime, q.getLastUpdated().toEpochMilli());
              }
            }
          }
          if (!known) {
            return new Outcome.NotFound<>("no quotes for " + pair);
          }
          List<CandleWindow> out = new ArrayList<>();
          try (WindowStoreIterator<Object> it =
              readKey(
                  store,
                  WindowKeyQuery.withKeyAndWindowStartRange(pair, range.from(), range.to()),
                  partition,
                  stale)) {
            while (it.hasNext()) {
              KeyValue<Long, Object> kv = it.next();
              CandleAggregate agg = StoreValues.plain(kv.value);
              long end = kv.key + size;
              out.add(
                  new CandleWindow(
                      Instant.ofEpochMilli(kv.key),
                      Instant.ofEpochMilli(end),
                      agg,
                      LatestQuotes.closed(end, graceMs, streamTime)));
            }
          }
          return new Outcome.Found<>(out, stale);
        });
  }

  /**
   * The sales windows of {@code category} whose start lies in {@code range}, oldest first, the open
   * window included; not found when the category has no window in the store at all.
   */
  public Outcome<List<SalesWindow>> categorySales(
      String category, TimeRange range, boolean allowStale) {
    String store = Names.salesStore(settings.salesLabel());
    return byKey(
        store,
        category,
        allowStale,
        (partition, stale) -> {
          List<CategorySales> windows = new ArrayList<>();
          try (WindowStoreIterator<Object> it =
              readKey(
                  store,
                  WindowKeyQuery.withKeyAndWindowStartRange(category, range.from(), range.to()),
                  partition,
                  stale)) {
            it.forEachRemaining(kv -> windows.add(StoreValues.plain(kv.value)));
          }
          if (windows.isEmpty()) {
            try (WindowStoreIterator<Object> any =
                readKey(
                    store,
                    WindowKeyQuery.withKeyAndWindowStartRange(category, Instant.EPOCH, END_OF_TIME),
                    partition,
                    stale)) {
              if (!any.hasNext()) {
                return new Outcome.NotFound<>("no sales for category " + category);
              }
            }
          }
          Set<OpenWindow> open = openWindows(partition, stale);
          List<SalesWindow> out = new ArrayList<>(windows.size());
          for (CategorySales s : windows) {
            out.add(
                new SalesWindow(
                    s,
                    !open.contains(
                        new OpenWindow(s.getWindowStart().toEpochMilli(), s.getCategory()))));
          }
          return new Outcome.Found<>(out, stale);
        });
  }

  /** The running statistics of one customer. */
  public Outcome<CustomerStats> customerStats(String customerId, boolean allowStale) {
    return byKey(
        Names.CUSTOMER_STATS_STORE,
        customerId,
        allowStale,
        (partition, stale) -> {
          CustomerStats stats =
              StoreValues.plain(
                  readKey(
                      Names.CUSTOMER_STATS_STORE,
                      KeyQuery.<String, Object>withKey(customerId),
                      partition,
                      stale));
          return stats == null
              ? new Outcome.NotFound<>("no orders for customer " + customerId)
              : new Outcome.Found<>(stats, stale);
        });
  }

  /** The latest quotes held by this instance, per partition. */
  public LocalScan<CoinQuote> localLatestQuotes(boolean allowStale) {
    return scan(
        Names.LATEST_QUOTES_STORE,
        RangeQuery.<String, Object>withNoBounds(),
        allowStale,
        (partition, stale, it) -> {
          List<CoinQuote> items = new ArrayList<>();
          it.forEachRemaining(kv -> items.add(StoreValues.plain(kv.value)));
          return items;
        });
  }

  /** The sales windows of every category in {@code range} held by this instance, per partition. */
  public LocalScan<SalesWindow> localSales(TimeRange range, boolean allowStale) {
    String store = Names.salesStore(settings.salesLabel());
    return scan(
        store,
        WindowRangeQuery.<String, Object>withWindowStartRange(range.from(), range.to()),
        allowStale,
        (partition, stale, it) -> {
          List<CategorySales> windows = new ArrayList<>();
          while (it.hasNext()) {
            KeyValue<Windowed<String>, Object> kv = it.next();
            windows.add(StoreValues.plain(kv.value));
          }
          Set<OpenWindow> open = windows.isEmpty() ? Set.of() : openWindows(partition, stale);
          List<SalesWindow> items = new ArrayList<>(windows.size());
          for (CategorySales s : windows) {
            items.add(
                new SalesWindow(
                    s,
                    !open.contains(
                        new OpenWindow(s.getWindowStart().toEpochMilli(), s.getCategory()))));
          }
          return items;
        });
  }

  // ------------------------------------------------------------------------------- internals

  private record OpenWindow(long start, String category) {}

  /** The windows of the sales operator not yet closed, in one partition. */
  private Set<OpenWindow> openWindows(int partition, boolean stale) throws PartitionUnavailable {
    Set<OpenWindow> open = new HashSet<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        readKey(
            Names.SALES_OPEN_WINDOWS_STORE,
            RangeQuery.<Bytes, byte[]>withNoBounds(),
            partition,
            stale)) {
      it.forEachRemaining(
          kv -> open.add(new OpenWindow(OrderedKeys.time(kv.key), OrderedKeys.id(kv.key))));
    }
    return open;
  }

  @FunctionalInterface
  private interface LocalRead<T> {
    Outcome<T> read(int partition, boolean stale) throws PartitionUnavailable;
  }

  @FunctionalInterface
  private interface SliceReader<R, T> {
    List<T> read(int partition, boolean stale, R result) throws PartitionUnavailable;
  }

  /** A store partition that cannot be read here now (migrating, restoring, closed). */
  private static final class PartitionUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    PartitionUnavailable(String message) {
      super(message, null, false, false);
    }
  }

  private <T> Outcome<T> byKey(String store, String key, boolean allowStale, LocalRead<T> read) {
    KeyLocation location = locator.locate(store, key, allowStale);
    if (location instanceof KeyLocation.Remote remote) {
      return new Outcome.Remote<>(remote.host());
    }
    if (location instanceof KeyLocation.Unavailable unavailable) {
      return new Outcome.Rebalancing<>(unavailable.reason());
    }
    KeyLocation.Local local = (KeyLocation.Local) location;
    try {
      return read.read(local.partition(), local.standby() || allowStale);
    } catch (PartitionUnavailable e) {
      return new Outcome.Rebalancing<>(e.getMessage());
    } catch (StreamsException e) {
      // The store closed or migrated while being read.
      return new Outcome.Rebalancing<>(
          "store " + store + " went away while being read: " + e.getClass().getSimpleName());
    }
  }

  /** Runs {@code query} on one partition of {@code store}; the result, or unavailable. */
  @SuppressWarnings("unchecked")
  private <R> R readKey(String store, Query<R> query, int partition, boolean stale)
      throws PartitionUnavailable {
    StateQueryRequest<R> request =
        StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.of(partition));
    if (!stale) {
      request = request.requireActive();
    }
    StateQueryResult<R> result;
    try {
      result = view.query(request);
    } catch (RuntimeException e) {
      throw new PartitionUnavailable(
          "store " + store + " cannot be queried now: " + e.getClass().getSimpleName());
    }
    QueryResult<R> r = result.getPartitionResults().get(partition);
    if (r == null) {
      throw new PartitionUnavailable(
          "partition " + partition + " of " + store + " is not on this instance now");
    }
    if (r.isFailure()) {
      throw new PartitionUnavailable(failure(store, partition, r));
    }
    return (R) r.getResult();
  }

  private static String failure(String store, int partition, QueryResult<?> r) {
    FailureReason reason = r.getFailureReason();
    return "partition "
        + partition
        + " of "
        + store
        + " is unavailable here ("
        + reason
        + (r.getFailureMessage() == null ? "" : ": " + r.getFailureMessage())
        + ")";
  }

  /**
   * Runs {@code query} on every local partition of {@code store}: active ones, and standby ones too
   * when {@code allowStale}. Partitions that fail are left out of the result.
   */
  private <R extends AutoCloseable, T> LocalScan<T> scan(
      String store, Query<R> query, boolean allowStale, SliceReader<R, T> reader) {
    Map<Integer, LocalScan.Slice<T>> slices = new TreeMap<>();
    List<Integer> inactive = new ArrayList<>();
    collect(
        store,
        StateQueryRequest.inStore(store).withQuery(query).requireActive(),
        false,
        reader,
        slices,
        inactive);
    if (allowStale && !inactive.isEmpty()) {
      collect(
          store,
          StateQueryRequest.inStore(store).withQuery(query).withPartitions(Set.copyOf(inactive)),
          true,
          reader,
          slices,
          new ArrayList<>());
    }
    return new LocalScan<>(new ArrayList<>(slices.values()));
  }

  private <R extends AutoCloseable, T> void collect(
      String store,
      StateQueryRequest<R> request,
      boolean stale,
      SliceReader<R, T> reader,
      Map<Integer, LocalScan.Slice<T>> slices,
      List<Integer> inactive) {
    StateQueryResult<R> result;
    try {
      result = view.query(request);
    } catch (RuntimeException e) {
      return; // nothing readable here now: the merge reports the partitions as missing
    }
    for (Map.Entry<Integer, QueryResult<R>> e : result.getPartitionResults().entrySet()) {
      int partition = e.getKey();
      QueryResult<R> r = e.getValue();
      if (r.isFailure()) {
        if (r.getFailureReason() == FailureReason.NOT_ACTIVE) {
          inactive.add(partition);
        }
        continue;
      }
      try (R iterator = r.getResult()) {
        List<T> items = reader.read(partition, stale, iterator);
        slices.put(partition, new LocalScan.Slice<>(partition, stale, items));
      } catch (PartitionUnavailable | StreamsException gone) {
        // the partition went away while being read: the merge reports it as missing
      } catch (Exception unexpected) {
        LOG.warn(
            "Reading partition {} of {} failed; it is reported as missing",
            partition,
            store,
            unexpected);
      }
    }
  }
}
