package dev.hopper.streams.topology.orders;

import dev.hopper.avro.CategorySales;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.ProcessingCounters;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.OrderedKeys;
import dev.hopper.streams.topology.flow.Watermarks;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pre-aggregates sales by category and window on each partition of the enrichment stage, before the
 * repartition by category. A partial window is sent downstream once this partition's watermark has
 * passed its end plus grace, followed (at the next publishing tick) by the watermark itself, so the
 * final stage receives every partial of a window before any watermark that could close it. Besides
 * exactness, this shrinks the repartition traffic to one record per category, window and partition.
 */
public final class SalesPartials implements ProcessorSupplier<String, Flow, String, Flow> {
  private static final byte PARTIAL = 0;
  private static final String KEY = "watermark";

  private final TopologySettings settings;
  private final ProcessingCounters counters;

  /** The partial aggregation for the sales window of {@code settings}. */
  public SalesPartials(TopologySettings settings, ProcessingCounters counters) {
    this.settings = settings;
    this.counters = counters;
  }

  @Override
  public Processor<String, Flow, String, Flow> get() {
    return new Processor<>() {
      private final long windowMs = settings.salesWindow().toMillis();
      private final long graceMs = settings.salesGrace().toMillis();
      private ProcessorContext<String, Flow> context;
      private KeyValueStore<Bytes, CategorySales> partials;
      private KeyValueStore<String, Long> clock;
      private long watermark;
      private long published = Long.MIN_VALUE;
      private boolean idle;
      private boolean idleSent;
      private int source;

      @Override
      public void init(ProcessorContext<String, Flow> context) {
        this.context = context;
        this.partials = context.getStateStore(Names.SALES_PARTIALS_STORE);
        this.clock = context.getStateStore(Names.SALES_PARTIALS_WATERMARK_STORE);
        this.source = context.taskId().partition();
        Long stored = clock.get(KEY);
        this.watermark = stored == null ? Long.MIN_VALUE : stored;
        context.schedule(
            settings.watermarkInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publish());
      }

      @Override
      public void process(Record<String, Flow> record) {
        Flow flow = record.value();
        if (flow.isWatermark()) {
          if (flow.time() == Watermarks.IDLE) {
            idle = true; // passed on at the next tick; the watermark itself stays
            return;
          }
          idle = false;
          if (idleSent) {
            idleSent = false;
            published = Long.MIN_VALUE; // report the real time again at the next tick
          }
          if (flow.time() > watermark) {
            watermark = flow.time();
            clock.put(KEY, watermark);
          }
          return;
        }
        if (flow.kind() != Flow.Kind.ENRICHED) {
          return;
        }
        EnrichedOrder order = flow.asEnriched();
        long t = order.getOrderTime().toEpochMilli();
        long windowStart = t - Math.floorMod(t, windowMs);
        if (flow.late() || closed(windowStart)) {
          counters.late(Names.LATE_SALES);
          return;
        }
        Bytes key = OrderedKeys.of(PARTIAL, windowStart, order.getCategory());
        CategorySales agg = partials.get(key);
        if (agg == null) {
          agg = SalesMath.empty(order.getCategory(), settings.salesLabel(), windowStart, windowMs);
        }
        partials.put(key, SalesMath.add(agg, order));
      }

      private boolean closed(long windowStart) {
        return watermark != Long.MIN_VALUE && windowStart + windowMs + graceMs <= watermark;
      }

      /** Sends every delta accumulated since the previous tick. */
      private void flush() {
        List<KeyValue<Bytes, CategorySales>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, CategorySales> it = partials.all()) {
          it.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, CategorySales> entry : due) {
          partials.put(entry.key, null); // a delete that does not read the value back

          CategorySales partial = entry.value;
          context.forward(
              new Record<>(
                  partial.getCategory(),
                  Flow.partial(source, partial),
                  partial.getWindowStart().toEpochMilli()));
        }
      }

      private void publish() {
        flush();
        if (watermark > published) {
          published = watermark;
          context.forward(
              new Record<>(Flow.WATERMARK_KEY, Flow.watermark(source, watermark), watermark));
        }
        if (idle && !idleSent) {
          // The upstream partition went idle (after the real watermark above, so the final stage
          // has seen it): the final stage leaves this partition out of its minimum until it
          // reports a real time again.
          idleSent = true;
          context.forward(
              new Record<>(
                  Flow.WATERMARK_KEY,
                  Flow.watermark(source, Watermarks.IDLE),
                  Math.max(published, 0)));
        }
      }
    };
  }
}
