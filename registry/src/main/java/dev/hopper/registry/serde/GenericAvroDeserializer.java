package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent-framed Avro records into GenericRecords carrying the writer's schema.
 * Logical types stay in their Avro encoding unless {@code avro.use.logical.type.converters=true}.
 */
public class GenericAvroDeserializer implements Deserializer<GenericRecord> {
  private final KafkaAvroDeserializer inner;

  public GenericAvroDeserializer() {
    this.inner = new KafkaAvroDeserializer();
  }

  /** A deserializer using {@code client}; {@code schema.registry.url} is then not needed. */
  public GenericAvroDeserializer(SchemaRegistryClient client) {
    this.inner = new KafkaAvroDeserializer(client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> generic = new HashMap<>(configs);
    generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    inner.configure(generic, isKey);
  }

  @Override
  public GenericRecord deserialize(String topic, byte[] data) {
    Object value = inner.deserialize(topic, data);
    if (value == null || value instanceof GenericRecord) {
      return (GenericRecord) value;
    }
    throw new SerializationException(
        "Expected an Avro record on topic " + topic + " but read a " + value.getClass().getName());
  }

  @Override
  public void close() {
    inner.close();
  }
}
