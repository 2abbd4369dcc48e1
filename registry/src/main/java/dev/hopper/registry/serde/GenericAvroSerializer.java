package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes GenericRecords in Confluent's wire format (see {@link KafkaAvroSerializer}). Decimal,
 * date and timestamp fields may hold either Java types (BigDecimal, LocalDate, Instant) or their
 * Avro encodings.
 */
public class GenericAvroSerializer implements Serializer<GenericRecord> {
  private final KafkaAvroSerializer inner;

  public GenericAvroSerializer() {
    this.inner = new KafkaAvroSerializer();
  }

  /** A serializer using {@code client}; {@code schema.registry.url} is then not needed. */
  public GenericAvroSerializer(SchemaRegistryClient client) {
    this.inner = new KafkaAvroSerializer(client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, GenericRecord data) {
    return inner.serialize(topic, data);
  }

  @Override
  public void close() {
    inner.close();
  }
}
