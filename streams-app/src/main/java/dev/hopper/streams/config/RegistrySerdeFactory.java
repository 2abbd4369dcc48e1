package dev.hopper.streams.config;

import dev.hopper.registry.serde.SpecificAvroSerde;
import dev.hopper.streams.topology.AvroSerdeFactory;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Value serdes backed by the Schema Registry ({@code schema.registry.url}, plus any {@code
 * basic.auth.*} and serde keys in the configuration). Schemas are registered or looked up once per
 * subject and cached by the serdes: no registry call per record.
 */
public final class RegistrySerdeFactory implements AvroSerdeFactory {
  private final Map<String, Object> config;

  /** Serdes configured with the Kafka client keys of {@code config}. */
  public RegistrySerdeFactory(Map<String, ?> config) {
    this.config = new HashMap<>(config);
    this.config.put("specific.avro.reader", "true");
  }

  @Override
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    SpecificAvroSerde<T> serde = new SpecificAvroSerde<>();
    serde.configure(config, false);
    return serde;
  }
}
