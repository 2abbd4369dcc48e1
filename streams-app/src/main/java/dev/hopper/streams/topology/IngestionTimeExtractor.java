package dev.hopper.streams.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Timestamp of the raw event inputs: the record's own (ingestion) timestamp. The event time lives
 * in the payload, which only the validation gate reads; the gate re-stamps valid records with it. A
 * record without a valid timestamp takes its partition's time instead of failing the app.
 */
public final class IngestionTimeExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    long ts = record.timestamp();
    if (ts >= 0) {
      return ts;
    }
    return Math.max(partitionTime, 0);
  }
}
