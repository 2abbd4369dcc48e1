package dev.hopper.streams.topology.flow;

import dev.hopper.streams.topology.HopperSerdes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes {@link Flow} messages on Hopper's internal repartition topics: a small fixed header
 * (format version, kind, source, time, late flag) followed by the payload in the Avro wire format
 * of its type, so the payload keeps its writer schema across upgrades. Each kind registers under
 * its own subject ({@code <topic>.<kind>-value}), so one topic may carry several payload types.
 */
public final class FlowSerde implements Serde<Flow> {
  private static final byte VERSION = 1;
  private static final int HEADER = 1 + 1 + 4 + 8 + 1;
  private static final Flow.Kind[] KINDS = Flow.Kind.values();

  private final HopperSerdes serdes;

  /** Payloads are written with the Avro serdes of {@code serdes}. */
  public FlowSerde(HopperSerdes serdes) {
    this.serdes = serdes;
  }

  @Override
  public Serializer<Flow> serializer() {
    return this::serialize;
  }

  @Override
  public Deserializer<Flow> deserializer() {
    return this::deserialize;
  }

  @SuppressWarnings("unchecked")
  private Serde<Object> payloadSerde(Flow.Kind kind) {
    Serde<?> serde =
        switch (kind) {
          case ORDER -> serdes.order();
          case PAYMENT -> serdes.payment();
          case QUOTE -> serdes.quote();
          case ENRICHED -> serdes.enrichedOrder();
          case PARTIAL -> serdes.categorySales();
          case WATERMARK -> null;
        };
    return (Serde<Object>) serde;
  }

  private static String subjectTopic(String topic, Flow.Kind kind) {
    return topic + "." + kind.name().toLowerCase(Locale.ROOT);
  }

  private byte[] serialize(String topic, Flow flow) {
    if (flow == null) {
      return null;
    }
    byte[] payload =
        flow.payload() == null
            ? new byte[0]
            : payloadSerde(flow.kind())
                .serializer()
                .serialize(subjectTopic(topic, flow.kind()), flow.payload());
    ByteBuffer buf = ByteBuffer.allocate(HEADER + payload.length);
    buf.put(VERSION)
        .put((byte) flow.kind().ordinal())
        .putInt(flow.source())
        .putLong(flow.time())
        .put((byte) (flow.late() ? 1 : 0))
        .put(payload);
    return buf.array();
  }

  private Flow deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < HEADER || data[0] != VERSION) {
      throw new SerializationException("Not a Hopper flow message (format " + data[0] + ")");
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    buf.get();
    Flow.Kind kind = KINDS[buf.get()];
    int source = buf.getInt();
    long time = buf.getLong();
    boolean late = buf.get() != 0;
    Object payload = null;
    if (kind != Flow.Kind.WATERMARK) {
      payload =
          payloadSerde(kind)
              .deserializer()
              .deserialize(
                  subjectTopic(topic, kind), Arrays.copyOfRange(data, HEADER, data.length));
    }
    return new Flow(kind, source, time, late, payload);
  }
}
