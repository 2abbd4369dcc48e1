package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka Streams serde for generated Avro classes: {@link SpecificAvroSerializer} and {@link
 * SpecificAvroDeserializer} configured together. With {@code schema.registry.url=mock://SCOPE} it
 * works in {@code TopologyTestDriver} tests without any HTTP.
 *
 * @param <T> the generated record type
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  public SpecificAvroSerde() {
    this.serializer = new SpecificAvroSerializer<>();
    this.deserializer = new SpecificAvroDeserializer<>();
  }

  /** A serde using {@code client}; {@code schema.registry.url} is then not needed. */
  public SpecificAvroSerde(SchemaRegistryClient client) {
    this.serializer = new SpecificAvroSerializer<>(client);
    this.deserializer = new SpecificAvroDeserializer<>(client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
