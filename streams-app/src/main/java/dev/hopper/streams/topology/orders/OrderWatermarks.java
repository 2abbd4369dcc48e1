package dev.hopper.streams.topology.orders;

import dev.hopper.avro.Order;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.Flow;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stage 1 of the order pipeline, on each partition of {@code shop.orders}: keys valid orders by
 * productId for the repartition, marks those already beyond the sales grace on their own partition
 * as late, and publishes the partition's stream time as a watermark.
 *
 * <p>Lateness is decided here, against the stream time of the order's own input partition, and
 * travels with the order. That makes it a function of the input alone: downstream, after the
 * repartition has interleaved partitions at whatever speed they were drained, no on-time order can
 * find its window closed (windows close only on the minimum watermark over all partitions, and an
 * order always travels ahead of the watermarks that could close its window).
 */
public final class OrderWatermarks implements ProcessorSupplier<String, Order, String, Flow> {
  private static final String KEY = "stream-time";
  private final long windowMs;
  private final long graceMs;
  private final Duration interval;

  /** Stage 1 for the sales window and grace of {@code settings}. */
  public OrderWatermarks(TopologySettings settings) {
    this.windowMs = settings.salesWindow().toMillis();
    this.graceMs = settings.salesGrace().toMillis();
    this.interval = settings.watermarkInterval();
  }

  @Override
  public Processor<String, Order, String, Flow> get() {
    return new Processor<>() {
      private ProcessorContext<String, Flow> context;
      private KeyValueStore<String, Long> store;
      private int source;
      private long streamTime = Long.MIN_VALUE;
      private long published = Long.MIN_VALUE;

      @Override
      public void init(ProcessorContext<String, Flow> context) {
        this.context = context;
        this.store = context.getStateStore(Names.ORDERS_STREAM_TIME_STORE);
        this.source = context.taskId().partition();
        Long stored = store.get(KEY);
        this.streamTime = stored == null ? Long.MIN_VALUE : stored;
        // Wall-clock publishing keeps watermark traffic to a few records per second per
        // partition, whatever the event-time speed of a backlog.
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
      }

      @Override
      public void process(Record<String, Order> record) {
        long t = record.timestamp();
        long windowEnd = t - Math.floorMod(t, windowMs) + windowMs;
        boolean late = streamTime != Long.MIN_VALUE && windowEnd + graceMs <= streamTime;
        if (t > streamTime) {
          streamTime = t;
          store.put(KEY, t);
        }
        Order order = record.value();
        context.forward(record.withKey(order.getProductId()).withValue(Flow.order(order, late)));
      }

      private void publish() {
        if (streamTime > published) {
          published = streamTime;
          context.forward(
              new Record<>(Flow.WATERMARK_KEY, Flow.watermark(source, streamTime), streamTime));
        }
      }
    };
  }
}
