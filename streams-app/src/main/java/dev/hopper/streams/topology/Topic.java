package dev.hopper.streams.topology;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One topic as the topology sees it: its configured name and the serdes of its keys and values.
 * Immutable; built once from the {@code TopicCatalog} so no topic name is a literal in the code.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** Validates the holder. */
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  /** How the topology consumes this topic. */
  public Consumed<K, V> consumed() {
    return Consumed.with(keySerde, valueSerde);
  }

  /** How the topology produces to this topic. */
  public Produced<K, V> produced() {
    return Produced.with(keySerde, valueSerde);
  }
}
