package dev.hopper.producers.quotes;

import dev.hopper.producers.coingecko.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it: waits are recorded, never slept. */
final class FakeTime extends Clock implements Sleeper {
  private Instant now;
  final List<Duration> waits = new ArrayList<>();

  FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public void sleep(Duration d) {
    waits.add(d);
    if (!d.isNegative() && !d.isZero()) {
      now = now.plus(d);
    }
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
