package dev.hopper.streams.topology.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.StoreBuilders;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.TopologySettings.CandleInterval;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The latest quote of every {@code coinId:vsCurrency}, by event time (a quote older than the one
 * kept does not replace it; on equal times the later arrival wins), in the queryable key-value
 * store {@link Names#LATEST_QUOTES_STORE}. It runs in the candle tasks, on the same quotes as the
 * candle windows, so the newest event time in its store partition is exactly the stream time the
 * candle windows of that partition have observed: the REST layer derives a candle's {@code final}
 * flag from it. For the same reason it counts the quotes each candle interval drops as late (window
 * end + grace at or before stream time), which the windowed aggregation itself does not report per
 * operator.
 */
public final class LatestQuotes implements ProcessorSupplier<String, CoinQuote, Void, Void> {
  private final Serde<CoinQuote> quoteSerde;
  private final List<CandleInterval> intervals;
  private final long graceMs;
  private final ProcessingCounters counters;

  /** Keeps the latest quotes and counts late quotes of the candle intervals of {@code settings}. */
  public LatestQuotes(
      Serde<CoinQuote> quoteSerde, TopologySettings settings, ProcessingCounters counters) {
    this.quoteSerde = quoteSerde;
    this.intervals = settings.candleIntervals();
    this.graceMs = settings.candleGrace().toMillis();
    this.counters = counters;
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return Set.of(
        // Queried over REST, so cached: see StoreBuilders.kv.
        StoreBuilders.kv(Names.LATEST_QUOTES_STORE, Serdes.String(), quoteSerde));
  }

  /** The newest event time in a latest-quotes store: its partition's stream time, or MIN_VALUE. */
  public static long streamTime(KeyValueIterator<String, CoinQuote> all) {
    long max = Long.MIN_VALUE;
    while (all.hasNext()) {
      CoinQuote q = all.next().value;
      if (q != null) {
        max = Math.max(max, q.getLastUpdated().toEpochMilli());
      }
    }
    return max;
  }

  /** Whether a candle window ending at {@code windowEnd} is closed at {@code streamTime}. */
  public static boolean closed(long windowEnd, long graceMs, long streamTime) {
    return streamTime != Long.MIN_VALUE && windowEnd + graceMs <= streamTime;
  }

  @Override
  public Processor<String, CoinQuote, Void, Void> get() {
    return new Processor<>() {
      private KeyValueStore<String, CoinQuote> latest;
      private long streamTime;

      @Override
      public void init(ProcessorContext<Void, Void> context) {
        latest = context.getStateStore(Names.LATEST_QUOTES_STORE);
        try (KeyValueIterator<String, CoinQuote> all = latest.all()) {
          streamTime = streamTime(all);
        }
      }

      @Override
      public void process(Record<String, CoinQuote> record) {
        CoinQuote quote = record.value();
        long t = quote.getLastUpdated().toEpochMilli();
        streamTime = Math.max(streamTime, t);
        for (CandleInterval interval : intervals) {
          long size = interval.size().toMillis();
          long windowEnd = t - Math.floorMod(t, size) + size;
          if (closed(windowEnd, graceMs, streamTime)) {
            counters.late(Names.candlesStore(interval.label()));
          }
        }
        CoinQuote current = latest.get(record.key());
        if (current == null || t >= current.getLastUpdated().toEpochMilli()) {
          latest.put(record.key(), quote);
        }
      }
    };
  }
}
