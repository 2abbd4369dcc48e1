package dev.hopper.streams.query;

import java.time.Instant;

/**
 * A validated time range of a window query: windows whose start lies in {@code [from, to]},
 * inclusive. The HTTP layer aligns {@code from} down to a window start, so the window containing
 * {@code from} is included.
 *
 * @param from earliest window start
 * @param to latest window start
 */
public record TimeRange(Instant from, Instant to) {
  /** Validates the order. */
  public TimeRange {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
  }
}
