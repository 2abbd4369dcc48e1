package dev.hopper.streams.metrics;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the records the stream threads' (and the global thread's) consumers read from Hopper's
 * input topics. Configured by {@link HopperMetrics#streamsProperties()}; without its {@link
 * HopperMetrics} it does nothing.
 */
public final class RecordsInInterceptor implements ConsumerInterceptor<byte[], byte[]> {
  private HopperMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    Object m = configs.get(HopperMetrics.CONFIG_KEY);
    metrics = m instanceof HopperMetrics hm ? hm : null;
  }

  @Override
  public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
    if (metrics != null && !records.isEmpty()) {
      for (TopicPartition tp : records.partitions()) {
        metrics.recordIn(tp.topic(), records.records(tp).size());
      }
    }
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    // nothing to count
  }

  @Override
  public void close() {
    // nothing to release
  }
}
