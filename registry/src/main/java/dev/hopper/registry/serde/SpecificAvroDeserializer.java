package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent-framed Avro into generated classes: the writer's schema (from the
 * registry) is resolved to the class's schema, so records written with an older or newer compatible
 * schema read fine. {@code specific.avro.reader} is always on.
 *
 * @param <T> the generated record type
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final KafkaAvroDeserializer inner;

  /** Reads the class named by the writer's schema. */
  public SpecificAvroDeserializer() {
    this.inner = new KafkaAvroDeserializer();
    this.inner.forceSpecificReader();
  }

  /** Reads the class named by the writer's schema, using {@code client}. */
  public SpecificAvroDeserializer(SchemaRegistryClient client) {
    this.inner = new KafkaAvroDeserializer(client);
    this.inner.forceSpecificReader();
  }

  /** Reads every record into {@code type}, whatever the writer's record name. */
  public SpecificAvroDeserializer(SchemaRegistryClient client, Class<T> type) {
    this.inner = new KafkaAvroDeserializer(client, type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    Object value = inner.deserialize(topic, data);
    if (value == null || value instanceof SpecificRecord) {
      return (T) value;
    }
    throw new SerializationException(
        "Expected a SpecificRecord on topic "
            + topic
            + " but read a "
            + value.getClass().getName());
  }

  @Override
  public void close() {
    inner.close();
  }
}
