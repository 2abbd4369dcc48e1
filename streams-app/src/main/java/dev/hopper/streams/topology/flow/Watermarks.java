package dev.hopper.streams.topology.flow;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The per-upstream-partition watermarks a stage keeps in a store, and their minimum. A partition
 * that has had no input for the idle timeout reports {@link #IDLE} and is left out of the minimum
 * (as Flink does), so one quiet partition does not hold every window open; when it has data again
 * it reports real times, and anything it sends for windows already closed is counted as late.
 */
public final class Watermarks {
  /** The watermark value of an idle upstream partition. */
  public static final long IDLE = Long.MAX_VALUE;

  /** No watermark: nothing can be final yet. */
  public static final long UNKNOWN = Long.MIN_VALUE;

  private Watermarks() {}

  /** Records the watermark of {@code source}; returns whether it changed. */
  public static boolean update(KeyValueStore<Integer, Long> clocks, int source, long time) {
    Long previous = clocks.get(source);
    if (previous == null || time > previous || previous == IDLE) {
      if (previous == null || previous != time) {
        clocks.put(source, time);
        return true;
      }
    }
    return false;
  }

  /**
   * The minimum over upstream partitions {@code 0..sources-1}, idle ones left out; {@link #UNKNOWN}
   * while a partition has not reported or when every partition is idle.
   */
  public static long minimum(KeyValueStore<Integer, Long> clocks, int sources) {
    long min = IDLE;
    for (int p = 0; p < sources; p++) {
      Long wm = clocks.get(p);
      if (wm == null) {
        return UNKNOWN;
      }
      min = Math.min(min, wm);
    }
    return min == IDLE ? UNKNOWN : min;
  }
}
