package dev.hopper.producers.kafka;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serializer of Hopper's producers: Avro records go through the registry serializer; raw
 * bytes (the generator's poison pills, which must reach the topic exactly as made) pass through
 * untouched. One producer can then keep both in their send order.
 */
public final class RecordValueSerializer implements Serializer<Object> {
  private final Serializer<SpecificRecord> avro;

  /** Wraps the Avro serializer (configured by this serializer's {@link #configure}). */
  public RecordValueSerializer(Serializer<SpecificRecord> avro) {
    this.avro = avro;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    avro.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    if (data instanceof byte[] raw) {
      return raw;
    }
    if (data instanceof SpecificRecord record) {
      return avro.serialize(topic, record);
    }
    throw new SerializationException(
        "cannot serialize a " + data.getClass().getName() + " to " + topic);
  }

  @Override
  public void close() {
    avro.close();
  }
}
