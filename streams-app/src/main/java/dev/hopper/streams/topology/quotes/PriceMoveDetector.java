package dev.hopper.streams.topology.quotes;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.MoveDirection;
import dev.hopper.avro.PriceMove;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.OrderedKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Price moves (SPEC): a {@code PriceMove} when a quote's price differs by at least the threshold
 * from the lowest (UP) or highest (DOWN) price of the preceding window {@code [t - window, t)} in
 * event time. The cooldown makes one real move one record: after a move in one direction, no other
 * move in that direction is emitted within one window length of it, however many overlapping
 * windows would also qualify.
 *
 * <p>Quotes are evaluated in event-time order, not arrival order: each waits in a small buffer
 * until the partition's stream time has passed it by the grace, so a quote arriving out of order
 * (within grace) still lands in the windows it belongs to and the moves are the same whatever the
 * arrival order. Quotes later than that are dropped and counted.
 */
public final class PriceMoveDetector
    implements ProcessorSupplier<String, CoinQuote, String, PriceMove> {
  private static final double EPSILON = 1e-9;
  private static final byte PENDING = 0;
  private static final String STREAM_TIME = "stream-time";

  private final TopologySettings settings;
  private final ProcessingCounters counters;

  /** A detector with the threshold and window of {@code settings}. */
  public PriceMoveDetector(TopologySettings settings, ProcessingCounters counters) {
    this.settings = settings;
    this.counters = counters;
  }

  @Override
  public Processor<String, CoinQuote, String, PriceMove> get() {
    return new Processor<>() {
      private final long windowMs = settings.moveWindow().toMillis();
      private final long graceMs = settings.candleGrace().toMillis();
      private final double threshold = settings.moveThresholdPct();
      private ProcessorContext<String, PriceMove> context;
      private WindowStore<String, Double> history;
      private KeyValueStore<String, Long> state;
      private KeyValueStore<Bytes, CoinQuote> pending;
      private long streamTime;

      @Override
      public void init(ProcessorContext<String, PriceMove> context) {
        this.context = context;
        this.history = context.getStateStore(Names.PRICE_MOVES_HISTORY_STORE);
        this.state = context.getStateStore(Names.PRICE_MOVES_STATE_STORE);
        this.pending = context.getStateStore(Names.PRICE_MOVES_PENDING_STORE);
        Long stored = state.get(STREAM_TIME);
        this.streamTime = stored == null ? Long.MIN_VALUE : stored;
      }

      @Override
      public void process(Record<String, CoinQuote> record) {
        long t = record.timestamp();
        if (streamTime != Long.MIN_VALUE && t + graceMs < streamTime) {
          counters.late(Names.LATE_PRICE_MOVES);
          return;
        }
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(0L);
        // Ties in event time keep arrival (offset) order; the pair is part of the key.
        pending.put(
            OrderedKeys.of(PENDING, t, String.format("%019d|%s", offset, record.key())),
            record.value());
        if (t > streamTime) {
          streamTime = t;
          state.put(STREAM_TIME, t);
        }
        release();
      }

      /** Evaluates, in event-time order, every buffered quote the grace has settled. */
      private void release() {
        long upTo = streamTime - graceMs;
        List<KeyValue<Bytes, CoinQuote>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, CoinQuote> it =
            pending.range(OrderedKeys.first(PENDING), OrderedKeys.after(PENDING, upTo))) {
          it.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, CoinQuote> entry : due) {
          pending.delete(entry.key);
          String id = OrderedKeys.id(entry.key);
          evaluate(id.substring(id.indexOf('|') + 1), entry.value);
        }
      }

      private void evaluate(String pair, CoinQuote q) {
        long t = q.getLastUpdated().toEpochMilli();
        double price = q.getPrice();
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        long lowTime = 0;
        long highTime = 0;
        boolean any = false;
        try (WindowStoreIterator<Double> it = history.fetch(pair, t - windowMs, t - 1)) {
          while (it.hasNext()) {
            KeyValue<Long, Double> kv = it.next();
            any = true;
            if (kv.value < low) {
              low = kv.value;
              lowTime = kv.key;
            }
            if (kv.value > high) {
              high = kv.value;
              highTime = kv.key;
            }
          }
        }
        history.put(pair, price, t);
        if (!any) {
          return;
        }
        double up = (price - low) / low * 100.0;
        if (up >= threshold - EPSILON) {
          emit(pair, q, MoveDirection.UP, low, lowTime, up, t);
        }
        double down = (price - high) / high * 100.0;
        if (down <= -threshold + EPSILON) {
          emit(pair, q, MoveDirection.DOWN, high, highTime, down, t);
        }
      }

      private void emit(
          String pair,
          CoinQuote q,
          MoveDirection direction,
          double from,
          long fromTime,
          double changePct,
          long t) {
        String cooldownKey = direction.name() + "|" + pair;
        Long last = state.get(cooldownKey);
        if (last != null && t - last < windowMs) {
          return;
        }
        state.put(cooldownKey, t);
        PriceMove move =
            PriceMove.newBuilder()
                .setCoinId(q.getCoinId())
                .setVsCurrency(q.getVsCurrency())
                .setDirection(direction)
                .setFromPrice(from)
                .setToPrice(q.getPrice())
                .setChangePct(changePct)
                .setFromTime(Instant.ofEpochMilli(fromTime))
                .setTriggerTime(Instant.ofEpochMilli(t))
                .build();
        context.forward(new Record<>(pair + ":" + direction.name() + ":" + t, move, t));
      }
    };
  }
}
