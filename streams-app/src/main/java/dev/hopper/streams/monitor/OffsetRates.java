package dev.hopper.streams.monitor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * Rates of growth of end offsets per topic, from periodic samples kept for one window. Memory is
 * bounded: only the samples of the last window (plus the one just before it, the base of the rate)
 * are kept, and at most {@value #MAX_SAMPLES}.
 */
final class OffsetRates {
  static final int MAX_SAMPLES = 4096;

  private final long windowMillis;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  /** A rate and the span it was measured over. */
  record Rate(double perSecond, double spanSeconds) {}

  private record Sample(long at, Map<String, Long> endOffsets) {}

  OffsetRates(Duration window) {
    this.windowMillis = window.toMillis();
  }

  /** Adds the end offsets (summed per topic) sampled at {@code atMillis}. */
  synchronized void add(long atMillis, Map<String, Long> endOffsets) {
    if (!samples.isEmpty() && atMillis <= samples.peekLast().at()) {
      return; // the clock went back or stood still: keep the series increasing
    }
    samples.addLast(new Sample(atMillis, Map.copyOf(endOffsets)));
    // Drop the oldest while the next one is old enough to serve as the base of a full window.
    while (samples.size() > 2) {
      Iterator<Sample> it = samples.iterator();
      it.next();
      if (it.next().at() <= atMillis - windowMillis || samples.size() > MAX_SAMPLES) {
        samples.removeFirst();
      } else {
        break;
      }
    }
  }

  /**
   * Offsets per second of {@code topic} between the oldest kept sample that has it and the newest;
   * null with fewer than two samples or when the offsets went back (the topic was recreated).
   */
  synchronized Rate rate(String topic) {
    Sample newest = samples.peekLast();
    if (newest == null || !newest.endOffsets().containsKey(topic)) {
      return null;
    }
    for (Sample s : samples) {
      Long base = s.endOffsets().get(topic);
      if (base == null) {
        continue;
      }
      if (s == newest) {
        return null;
      }
      long delta = newest.endOffsets().get(topic) - base;
      if (delta < 0) {
        return null;
      }
      double span = (newest.at() - s.at()) / 1000.0;
      return new Rate(delta / span, span);
    }
    return null;
  }

  /** Samples kept now (for tests). */
  synchronized int size() {
    return samples.size();
  }
}
