package dev.hopper.streams.metrics;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts the records the stream threads' producers write to Hopper's output topics and, for those
 * carrying an {@link IngestionTime} header, observes the end-to-end latency (now minus the input's
 * ingestion time). Configured by {@link HopperMetrics#streamsProperties()}; without its {@link
 * HopperMetrics} it does nothing. Under exactly-once, records of aborted transactions are counted
 * too: these are operational metrics, not an audit.
 */
public final class RecordsOutInterceptor implements ProducerInterceptor<byte[], byte[]> {
  private HopperMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    Object m = configs.get(HopperMetrics.CONFIG_KEY);
    metrics = m instanceof HopperMetrics hm ? hm : null;
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    if (metrics != null) {
      metrics.recordOut(record.topic(), IngestionTime.of(record.headers()));
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    // counted on send
  }

  @Override
  public void close() {
    // nothing to release
  }
}
