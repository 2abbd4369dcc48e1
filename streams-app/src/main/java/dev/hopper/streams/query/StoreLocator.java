package dev.hopper.streams.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds where a key or a whole store can be read: {@code queryMetadataForKey} for one key (active
 * host, standby hosts, partition), the metadata of every instance for queries over all keys. It
 * only locates; reading the local stores is {@link InteractiveQueries}' job and the HTTP layer
 * forwards or fans out. No retries here: an unavailable partition is reported, and the client is
 * told to come back.
 */
public final class StoreLocator {
  private final StreamsView view;
  private final HostInfo self;

  /** A locator for the instance advertised as {@code self}. */
  public StoreLocator(StreamsView view, HostInfo self) {
    this.view = Objects.requireNonNull(view, "view");
    this.self = Objects.requireNonNull(self, "self");
  }

  /** This instance's advertised {@code application.server}. */
  public HostInfo self() {
    return self;
  }

  /** Whether interactive queries can run in {@code state} (running, or rebalancing). */
  public static boolean queryable(KafkaStreams.State state) {
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  /**
   * Where {@code key} of {@code store} can be read: here (the active partition, or a standby copy
   * when {@code allowStale}), on another instance, or nowhere right now.
   */
  public KeyLocation locate(String store, String key, boolean allowStale) {
    KafkaStreams.State state = view.state();
    if (!queryable(state)) {
      return new KeyLocation.Unavailable("the application is " + state);
    }
    KeyQueryMetadata metadata;
    try {
      metadata = view.keyMetadata(store, key);
    } catch (RuntimeException e) {
      return new KeyLocation.Unavailable("no metadata for store " + store + ": " + e.getMessage());
    }
    if (metadata == null
        || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
        || metadata.activeHost() == null
        || metadata.activeHost().port() < 0) {
      return new KeyLocation.Unavailable(
          "no instance holds store " + store + " yet (the group is rebalancing)");
    }
    if (self.equals(metadata.activeHost())) {
      return new KeyLocation.Local(metadata.partition(), false);
    }
    if (allowStale && metadata.standbyHosts().contains(self)) {
      return new KeyLocation.Local(metadata.partition(), true);
    }
    return new KeyLocation.Remote(metadata.activeHost(), metadata.partition());
  }

  /**
   * The instances to ask for a query over every key of {@code store}, and how many partitions the
   * answers must cover; null while the store's metadata is unknown. Active holders always; standby
   * holders too when {@code allowStale}.
   */
  public Fanout fanout(String store, boolean allowStale) {
    KafkaStreams.State state = view.state();
    if (!queryable(state)) {
      return null;
    }
    int partitions;
    Collection<StreamsMetadata> all;
    try {
      partitions = view.partitionCount(store);
      all = view.allMetadata();
    } catch (RuntimeException e) {
      return null;
    }
    if (partitions < 1) {
      return null;
    }
    List<HostInfo> hosts = new ArrayList<>();
    for (StreamsMetadata m : all) {
      boolean holds =
          m.stateStoreNames().contains(store)
              || (allowStale && m.standbyStateStoreNames().contains(store));
      if (holds && !hosts.contains(m.hostInfo())) {
        hosts.add(m.hostInfo());
      }
    }
    return new Fanout(List.copyOf(hosts), partitions);
  }

  /**
   * Whom to ask for a query over all keys of a store.
   *
   * @param hosts the instances holding partitions of the store (possibly including this one)
   * @param partitions the store's partition count: a complete answer covers 0..partitions-1
   */
  public record Fanout(List<HostInfo> hosts, int partitions) {}
}
