package dev.hopper.producers.kafka;

import dev.hopper.producers.coingecko.Sleeper;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces events to a steady rate ({@code --rate N} events a second). It schedules against the start
 * time rather than the previous event, so short stalls are caught up and the average rate holds. A
 * rate of 0 means as fast as possible.
 */
public final class RatePacer {
  private final double perSecond;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private long startNs = -1;
  private long events;

  /** A pacer of {@code perSecond} events a second (0 = unlimited). */
  public RatePacer(double perSecond, Sleeper sleeper, LongSupplier nanoTime) {
    if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be >= 0, was " + perSecond);
    }
    this.perSecond = perSecond;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  /** No limit. */
  public static RatePacer unlimited() {
    return new RatePacer(0, d -> {}, System::nanoTime);
  }

  /** Waits until the next event is due. */
  public void acquire() throws InterruptedException {
    if (perSecond == 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (startNs < 0) {
      startNs = now;
    }
    long dueNs = startNs + (long) (events * 1e9 / perSecond);
    events++;
    if (dueNs > now) {
      sleeper.sleep(Duration.ofNanos(dueNs - now));
    }
  }
}
