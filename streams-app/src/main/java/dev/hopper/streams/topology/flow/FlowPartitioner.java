package dev.hopper.streams.topology.flow;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions {@link Flow} messages on a repartition topic: data by key, exactly as Kafka's default
 * partitioner does for a String key (murmur2 of its UTF-8 bytes), so that records keyed by
 * productId land on the partition of the same product in {@code shop.products}; watermarks and
 * quotes to every partition (broadcast), because every downstream partition needs them.
 */
public final class FlowPartitioner implements StreamPartitioner<String, Flow> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, Flow value, int numPartitions) {
    if (value.isWatermark() || value.kind() == Flow.Kind.QUOTE) {
      return Optional.of(
          IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    return Optional.of(Set.of(partitionOf(key, numPartitions)));
  }

  /** The partition Kafka's default partitioner picks for a String key. */
  public static int partitionOf(String key, int numPartitions) {
    byte[] bytes = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % numPartitions;
  }
}
