package dev.hopper.streams.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Creates configured value serdes for Avro types. In production these are the registry-backed
 * {@code SpecificAvroSerde}s; the topology only sees this interface, so it stays a pure function of
 * its inputs.
 */
@FunctionalInterface
public interface AvroSerdeFactory {

  /** A value serde for {@code type}, already configured. */
  <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);
}
