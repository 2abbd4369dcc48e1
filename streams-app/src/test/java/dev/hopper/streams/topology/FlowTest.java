package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.registry.client.MockSchemaRegistry;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.topology.flow.Flow;
import dev.hopper.streams.topology.flow.FlowPartitioner;
import dev.hopper.streams.topology.flow.FlowSerde;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlowTest {
  private static final String SCOPE = "flow-test";
  private final HopperSerdes serdes =
      new HopperSerdes(new RegistrySerdeFactory(Map.of("schema.registry.url", "mock://" + SCOPE)));

  @AfterEach
  void drop() {
    MockSchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void shouldRoundTripEveryKindThroughTheInternalFormat() {
    FlowSerde serde = new FlowSerde(serdes);
    Flow order = Flow.order(Samples.order("o1", at(0)).build(), true);
    Flow watermark = Flow.watermark(2, 123_456L);
    Flow quote = Flow.quote(Samples.quote("bitcoin", "usd", 1.5, at(0)).build());
    for (Flow flow : new Flow[] {order, watermark, quote}) {
      byte[] bytes = serde.serializer().serialize("t-repartition", flow);
      assertThat(serde.deserializer().deserialize("t-repartition", bytes)).isEqualTo(flow);
    }
  }

  @Test
  void shouldPartitionDataLikeKafkaAndBroadcastWatermarksAndQuotes() {
    FlowPartitioner partitioner = new FlowPartitioner();
    Flow order = Flow.order(Samples.order("o1", at(0)).build(), false);
    for (String key : new String[] {"p1", "product-42", "ü"}) {
      int expected = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 7);
      assertThat(partitioner.partitions("t", key, order, 7)).contains(Set.of(expected));
    }
    assertThat(partitioner.partitions("t", Flow.WATERMARK_KEY, Flow.watermark(0, 1), 3))
        .contains(Set.of(0, 1, 2));
    assertThat(
            partitioner.partitions(
                "t", "k", Flow.quote(Samples.quote("bitcoin", "usd", 1.0, at(0)).build()), 2))
        .contains(Set.of(0, 1));
  }
}
