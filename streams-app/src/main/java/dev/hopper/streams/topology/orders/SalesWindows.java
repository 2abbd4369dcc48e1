package dev.hopper.streams.topology.orders;

import dev.hopper.avro.CategorySales;
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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The final sales-by-category aggregation: merges the partial aggregates of every enrichment
 * partition into the queryable window store and emits each window exactly once, when the minimum
 * watermark over all enrichment partitions has reached its end plus grace (SPEC: a window is final
 * once windowEnd + grace &lt;= stream time). The minimum is what makes this exact while draining a
 * backlog: a partition that is behind holds the window open instead of seeing its records dropped.
 *
 * <p>An open window's aggregate lives in the open-windows store until it is emitted; the window
 * store holds a copy for queries. The window store expires segments by the newest window it has
 * seen, so while one partition's backlog runs days of event time ahead of another's, it would drop
 * windows that are still open: the final record must not depend on it.
 */
public final class SalesWindows implements ProcessorSupplier<String, Flow, String, CategorySales> {
  private static final byte OPEN = 0;

  private final TopologySettings settings;
  private final ProcessingCounters counters;

  /** The final stage for the sales window of {@code settings}. */
  public SalesWindows(TopologySettings settings, ProcessingCounters counters) {
    this.settings = settings;
    this.counters = counters;
  }

  @Override
  public Processor<String, Flow, String, CategorySales> get() {
    return new Processor<>() {
      private final long windowMs = settings.salesWindow().toMillis();
      private final long graceMs = settings.salesGrace().toMillis();
      private final String label = settings.salesLabel();
      private ProcessorContext<String, CategorySales> context;
      private WindowStore<String, CategorySales> windows;
      private KeyValueStore<Bytes, CategorySales> open;
      private KeyValueStore<Integer, Long> clocks;
      private long watermark;

      @Override
      public void init(ProcessorContext<String, CategorySales> context) {
        this.context = context;
        this.windows = context.getStateStore(Names.salesStore(label));
        this.open = context.getStateStore(Names.SALES_OPEN_WINDOWS_STORE);
        this.clocks = context.getStateStore(Names.SALES_WATERMARKS_STORE);
        this.watermark = Watermarks.minimum(clocks, settings.productsPartitions());
      }

      @Override
      public void process(Record<String, Flow> record) {
        Flow flow = record.value();
        if (flow.isWatermark()) {
          if (Watermarks.update(clocks, flow.source(), flow.time())) {
            long min = Watermarks.minimum(clocks, settings.productsPartitions());
            if (min > watermark) {
              watermark = min;
              closeWindows();
            }
          }
          return;
        }
        CategorySales partial = flow.asPartial();
        long windowStart = partial.getWindowStart().toEpochMilli();
        if (watermark != Watermarks.UNKNOWN && windowStart + windowMs + graceMs <= watermark) {
          // Cannot happen for on-time orders (see OrderWatermarks); counted, never re-emitted.
          counters.late(Names.LATE_SALES);
          return;
        }
        String category = partial.getCategory();
        Bytes key = OrderedKeys.of(OPEN, windowStart, category);
        CategorySales current = open.get(key);
        CategorySales merged = current == null ? partial : SalesMath.merge(current, partial);
        open.put(key, merged);
        windows.put(category, merged, windowStart); // the queryable copy
      }

      private void closeWindows() {
        long lastClosedStart = watermark - windowMs - graceMs;
        if (lastClosedStart < 0) {
          return;
        }
        List<KeyValue<Bytes, CategorySales>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, CategorySales> it =
            open.range(OrderedKeys.first(OPEN), OrderedKeys.after(OPEN, lastClosedStart))) {
          it.forEachRemaining(due::add);
        }
        for (KeyValue<Bytes, CategorySales> entry : due) {
          open.delete(entry.key);
          long windowStart = OrderedKeys.time(entry.key);
          String category = OrderedKeys.id(entry.key);
          context.forward(
              new Record<>(category + ":" + label + ":" + windowStart, entry.value, windowStart));
        }
      }
    };
  }
}
