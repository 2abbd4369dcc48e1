package dev.hopper.streams.query;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

/**
 * The part of {@link KafkaStreams} that interactive queries need: its state, where keys and stores
 * live, and local store queries. A seam, so the locator's outcomes can be unit-tested without a
 * broker; {@link #of(KafkaStreams)} is the real thing.
 */
public interface StreamsView {
  /** The application's state. */
  KafkaStreams.State state();

  /** Where the partition of String {@code key} of {@code store} lives (Kafka's default hashing). */
  KeyQueryMetadata keyMetadata(String store, String key);

  /**
   * How many partitions {@code store} has (those of its source topics), or -1 while no assignment
   * has told this instance yet.
   */
  int partitionCount(String store);

  /** Every instance of the application, with its stores and partitions. */
  Collection<StreamsMetadata> allMetadata();

  /** Runs an IQv2 query against this instance's local stores. */
  <R> StateQueryResult<R> query(StateQueryRequest<R> request);

  /** The view of a running {@link KafkaStreams}. */
  static StreamsView of(KafkaStreams streams) {
    return new StreamsView() {
      @Override
      public KafkaStreams.State state() {
        return streams.state();
      }

      @Override
      public KeyQueryMetadata keyMetadata(String store, String key) {
        return streams.queryMetadataForKey(
            store, key, new org.apache.kafka.common.serialization.StringSerializer());
      }

      @Override
      public int partitionCount(String store) {
        // Kafka Streams asks the partitioner with the partition count of the store's source topic.
        AtomicInteger count = new AtomicInteger(-1);
        StreamPartitioner<String, Object> probe =
            (topic, key, value, numPartitions) -> {
              count.set(numPartitions);
              return Optional.of(Set.of(0));
            };
        streams.queryMetadataForKey(store, "", probe);
        return count.get();
      }

      @Override
      public Collection<StreamsMetadata> allMetadata() {
        return streams.metadataForAllStreamsClients();
      }

      @Override
      public <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
        return streams.query(request);
      }
    };
  }
}
