package dev.hopper.streams.topology.orders;

import dev.hopper.avro.Order;
import dev.hopper.streams.topology.InputProgress;
import dev.hopper.streams.topology.Names;
import dev.hopper.streams.topology.TopologySettings;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.Watermarks;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(OrderWatermarks.class);
  private static final String KEY = "stream-time";
  private final long windowMs;
  private final long graceMs;
  private final Duration interval;
  private final long idleTimeoutMs;
  private final String ordersTopic;
  private final InputProgress progress;

  /**
   * Stage 1 for the sales window and grace of {@code settings}, reading {@code ordersTopic}: a
   * partition without input for the idle timeout is idle only once {@code progress} says the
   * application has processed everything readable on it.
   */
  public OrderWatermarks(TopologySettings settings, String ordersTopic, InputProgress progress) {
    this.windowMs = settings.salesWindow().toMillis();
    this.graceMs = settings.salesGrace().toMillis();
    this.interval = settings.watermarkInterval();
    this.idleTimeoutMs = settings.watermarkIdleTimeout().toMillis();
    this.ordersTopic = ordersTopic;
    this.progress = progress;
  }

  @Override
  public Processor<String, Order, String, Flow> get() {
    return new Processor<>() {
      private ProcessorContext<String, Flow> context;
      private KeyValueStore<String, Long> store;
      private int source;
      private long streamTime = Long.MIN_VALUE;
      private long published = Long.MIN_VALUE;
      private long lastInputAt;
      private boolean idle;

      @Override
      public void init(ProcessorContext<String, Flow> context) {
        this.context = context;
        this.store = context.getStateStore(Names.ORDERS_STREAM_TIME_STORE);
        this.source = context.taskId().partition();
        Long stored = store.get(KEY);
        this.streamTime = stored == null ? Long.MIN_VALUE : stored;
        // Wall-clock publishing keeps watermark traffic to a few records per second per
        // partition, whatever the event-time speed of a backlog.
        this.lastInputAt = context.currentSystemTimeMs();
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publish);
      }

      @Override
      public void process(Record<String, Order> record) {
        lastInputAt = context.currentSystemTimeMs();
        if (idle) {
          idle = false;
          LOG.info("Orders partition {} has input again", source);
          published = Long.MIN_VALUE; // report real time again at the next tick
        }
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

      private void publish(long now) {
        if (streamTime > published) {
          published = streamTime;
          context.forward(
              new Record<>(Flow.WATERMARK_KEY, Flow.watermark(source, streamTime), streamTime));
        } else if (!idle
            && now - lastInputAt >= idleTimeoutMs
            && progress.caughtUp(ordersTopic, source)) {
          // No order for a while, and none waiting to be read: leave this partition out of the
          // downstream minimum. (Silence while the partition has a backlog is this application
          // being slow, not an idle source; its orders must not find their windows closed.)
          idle = true;
          LOG.info(
              "Orders partition {} idle: no input for {} ms, left out of the sales watermark",
              source,
              now - lastInputAt);
          long ts = Math.max(streamTime, 0);
          context.forward(
              new Record<>(Flow.WATERMARK_KEY, Flow.watermark(source, Watermarks.IDLE), ts));
        }
      }
    };
  }
}
