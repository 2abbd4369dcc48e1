package dev.hopper.streams.query;

import java.util.List;

/**
 * What one instance answers for a query over all keys: per store partition it could read, the items
 * found there; partitions it could not read are absent.
 *
 * @param slices one per partition read
 * @param <T> the item type
 */
public record LocalScan<T>(List<Slice<T>> slices) {

  /** Copies the list. */
  public LocalScan {
    slices = List.copyOf(slices);
  }

  /**
   * The items of one partition.
   *
   * @param partition the store partition
   * @param stale whether read from a standby or restoring copy
   * @param items what the partition holds in the queried range
   */
  public record Slice<T>(int partition, boolean stale, List<T> items) {
    /** Copies the list. */
    public Slice {
      items = List.copyOf(items);
    }
  }
}
