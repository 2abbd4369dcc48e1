package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for primitive values (String, Integer, Long, Float, Double, Boolean, byte[]) as
 * registry-framed Avro, e.g. keys of topics shared with systems that Avro-encode their keys.
 * (Hopper itself keeps keys as plain UTF-8 strings.)
 *
 * @param <T> the primitive Java type
 */
public class PrimitiveAvroSerde<T> implements Serde<T> {
  private final KafkaAvroSerializer serializer;
  private final KafkaAvroDeserializer deserializer;

  public PrimitiveAvroSerde() {
    this.serializer = new KafkaAvroSerializer();
    this.deserializer = new KafkaAvroDeserializer();
  }

  /** A serde using {@code client}; {@code schema.registry.url} is then not needed. */
  public PrimitiveAvroSerde(SchemaRegistryClient client) {
    this.serializer = new KafkaAvroSerializer(client);
    this.deserializer = new KafkaAvroDeserializer(client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return new Serializer<>() {
      @Override
      public byte[] serialize(String topic, T data) {
        return serializer.serialize(topic, data);
      }

      @Override
      public void close() {
        serializer.close();
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return new Deserializer<>() {
      @Override
      @SuppressWarnings("unchecked")
      public T deserialize(String topic, byte[] data) {
        return (T) deserializer.deserialize(topic, data);
      }

      @Override
      public void close() {
        deserializer.close();
      }
    };
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
