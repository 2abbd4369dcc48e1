package dev.hopper.streams.config;

import dev.hopper.avro.RejectedRecord;
import dev.hopper.registry.serde.SpecificAvroSerializer;
import dev.hopper.streams.topology.ProcessingCounters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deserialization handler for the topics Kafka Streams reads itself (the products and customers
 * tables, and internal topics): an unreadable record becomes a {@link RejectedRecord} on {@code
 * hopper.rejected} (rule {@code DESERIALIZATION}), returned to Kafka Streams so that it is written
 * by the task inside its exactly-once transaction, and processing resumes. The three event inputs
 * never get here: their validation gate reads raw bytes.
 */
public final class RejectingDeserializationHandler implements DeserializationExceptionHandler {
  /** Configuration key of the dead-letter topic name. */
  public static final String TOPIC_CONFIG = "hopper.rejected.topic.name";

  /** Configuration key under which the application's {@link ProcessingCounters} travel. */
  public static final String COUNTERS_CONFIG = "hopper.processing.counters.instance";

  private static final Logger LOG = LoggerFactory.getLogger(RejectingDeserializationHandler.class);

  private String topic;
  private ProcessingCounters counters;
  private SpecificAvroSerializer<RejectedRecord> serializer;

  @Override
  public void configure(Map<String, ?> configs) {
    Object name = configs.get(TOPIC_CONFIG);
    this.topic = name == null ? "hopper.rejected" : name.toString();
    Object c = configs.get(COUNTERS_CONFIG);
    this.counters = c instanceof ProcessingCounters pc ? pc : new ProcessingCounters();
    this.serializer = new SpecificAvroSerializer<>();
    serializer.configure(configs, false);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    counters.unreadable(record.topic());
    long n = counters.unreadableCount(record.topic());
    if (n == 1 || Long.bitCount(n) == 1) { // 1, 2, 4, 8, ...: never one line per record
      LOG.warn(
          "Unreadable record #{} on {}-{}@{} sent to {}: {}",
          n,
          record.topic(),
          record.partition(),
          record.offset(),
          topic,
          exception.toString());
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    RejectedRecord rejected =
        RejectedRecord.newBuilder()
            .setSourceTopic(record.topic())
            .setPartition(record.partition())
            .setOffset(record.offset())
            .setKey(key)
            .setRawValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
            .setRules(List.of("DESERIALIZATION"))
            .setMessage("cannot deserialize: " + exception.getMessage())
            .setRejectedAt(Instant.ofEpochMilli(Math.max(0, record.timestamp())))
            .build();
    byte[] value = serializer.serialize(topic, rejected);
    return Response.resume(
        List.of(
            new ProducerRecord<>(
                topic, null, Math.max(0, record.timestamp()), record.key(), value)));
  }
}
