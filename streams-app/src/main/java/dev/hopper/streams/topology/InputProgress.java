package dev.hopper.streams.topology;

/**
 * Whether the application has processed everything readable on an input. The topology asks before
 * it treats silence as idleness: an orders partition without input for the idle timeout, or a quote
 * feed without quotes for the maximum wait, is idle only if nothing is waiting to be read. Without
 * this, an application that is merely slow (starting, starved of CPU, behind on a backlog) would
 * take its own lag for a silent source and close windows, or value orders, too early.
 *
 * <p>Implementations answer from a recent sample and must be cheap and thread-safe; an unknown
 * state is not caught up.
 */
public interface InputProgress {
  /**
   * For the {@code TopologyTestDriver}: the piped records are all there is, so silence is idleness.
   */
  InputProgress PIPED =
      new InputProgress() {
        @Override
        public boolean caughtUp(String topic, int partition) {
          return true;
        }

        @Override
        public boolean caughtUp(String topic) {
          return true;
        }
      };

  /** Whether every record readable on {@code topic}'s {@code partition} has been processed. */
  boolean caughtUp(String topic, int partition);

  /** Whether every record readable on every partition of {@code topic} has been processed. */
  boolean caughtUp(String topic);
}
