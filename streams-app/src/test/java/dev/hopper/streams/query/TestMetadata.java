package dev.hopper.streams.query;

import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** A plain {@link StreamsMetadata} for tests. */
public record TestMetadata(
    HostInfo hostInfo,
    Set<String> stateStoreNames,
    Set<TopicPartition> topicPartitions,
    Set<String> standbyStateStoreNames,
    Set<TopicPartition> standbyTopicPartitions)
    implements StreamsMetadata {

  /** An instance holding {@code stores} actively, nothing on standby. */
  public static TestMetadata active(HostInfo host, Set<String> stores, Set<TopicPartition> tps) {
    return new TestMetadata(host, stores, tps, Set.of(), Set.of());
  }

  @Override
  public String host() {
    return hostInfo.host();
  }

  @Override
  public int port() {
    return hostInfo.port();
  }
}
