package dev.hopper.streams.topology.flow;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serializes {@link Stamped} values: time, flag, then the value with its own serde. */
public final class StampedSerde<T> implements Serde<Stamped<T>> {
  private static final int HEADER = 8 + 1;
  private final Serde<T> inner;

  /** Values are written with {@code inner}. */
  public StampedSerde(Serde<T> inner) {
    this.inner = inner;
  }

  @Override
  public Serializer<Stamped<T>> serializer() {
    return (topic, s) -> {
      if (s == null) {
        return null;
      }
      byte[] v = inner.serializer().serialize(topic, s.value());
      return ByteBuffer.allocate(HEADER + v.length)
          .putLong(s.time())
          .put((byte) (s.flag() ? 1 : 0))
          .put(v)
          .array();
    };
  }

  @Override
  public Deserializer<Stamped<T>> deserializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      ByteBuffer buf = ByteBuffer.wrap(data);
      long time = buf.getLong();
      boolean flag = buf.get() != 0;
      T value =
          inner.deserializer().deserialize(topic, Arrays.copyOfRange(data, HEADER, data.length));
      return new Stamped<>(time, flag, value);
    };
  }
}
