package dev.hopper.registry.serde;

import dev.hopper.registry.client.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes generated Avro classes in Confluent's wire format (see {@link KafkaAvroSerializer}).
 * Configured like Confluent's: {@code schema.registry.url}, {@code auto.register.schemas}, {@code
 * use.latest.version}, {@code key/value.subject.name.strategy}, {@code basic.auth.*}.
 *
 * @param <T> the generated record type
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  private final KafkaAvroSerializer inner;

  public SpecificAvroSerializer() {
    this.inner = new KafkaAvroSerializer();
  }

  /** A serializer using {@code client}; {@code schema.registry.url} is then not needed. */
  public SpecificAvroSerializer(SchemaRegistryClient client) {
    this.inner = new KafkaAvroSerializer(client);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return inner.serialize(topic, data);
  }

  @Override
  public void close() {
    inner.close();
  }
}
