package dev.hopper.streams.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;

/**
 * A hand-driven {@link StreamsView} for unit tests: the test sets the state, where keys live, the
 * instance map and what each local store query returns.
 */
public final class FakeStreamsView implements StreamsView {
  public volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
  public final Map<String, KeyQueryMetadata> keys = new HashMap<>();
  public final Map<String, Integer> partitions = new HashMap<>();
  public final List<StreamsMetadata> metadata = new ArrayList<>();
  public final List<StateQueryRequest<?>> queries = new ArrayList<>();
  public volatile Function<StateQueryRequest<?>, StateQueryResult<?>> answer =
      r -> new StateQueryResult<>();

  /** Where {@code key} of {@code store} lives. */
  public FakeStreamsView key(String store, String key, KeyQueryMetadata where) {
    keys.put(store + "|" + key, where);
    return this;
  }

  @Override
  public KafkaStreams.State state() {
    return state;
  }

  @Override
  public KeyQueryMetadata keyMetadata(String store, String key) {
    if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
      throw new IllegalStateException("not running");
    }
    return keys.getOrDefault(store + "|" + key, KeyQueryMetadata.NOT_AVAILABLE);
  }

  @Override
  public int partitionCount(String store) {
    return partitions.getOrDefault(store, -1);
  }

  @Override
  public Collection<StreamsMetadata> allMetadata() {
    return metadata;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <R> StateQueryResult<R> query(StateQueryRequest<R> request) {
    queries.add(request);
    return (StateQueryResult<R>) answer.apply(request);
  }
}
