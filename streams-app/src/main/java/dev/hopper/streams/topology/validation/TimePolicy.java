package dev.hopper.streams.topology.validation;

import java.time.Duration;
import java.time.Instant;

/**
 * Which event times are plausible (SPEC "Time"): not before {@code minEventTime} (2000), and not
 * more than {@code maxFutureSkew} after the record's own ingestion timestamp. An implausible time
 * is never used as event time: the gate rejects the record instead, so a far-future timestamp can
 * neither advance stream time nor close windows early.
 */
public record TimePolicy(Instant minEventTime, Duration maxFutureSkew) {

  /**
   * Adds {@link Rule#EVENT_TIME_PLAUSIBLE} to {@code out} when {@code eventTime} is implausible.
   */
  public void check(String field, long eventTime, long ingestionTime, Failures out) {
    if (eventTime < minEventTime.toEpochMilli()) {
      out.add(
          Rule.EVENT_TIME_PLAUSIBLE,
          field + " " + Instant.ofEpochMilli(eventTime) + " is before " + minEventTime);
    } else if (eventTime > ingestionTime + maxFutureSkew.toMillis()) {
      out.add(
          Rule.EVENT_TIME_PLAUSIBLE,
          field
              + " "
              + Instant.ofEpochMilli(eventTime)
              + " is more than "
              + maxFutureSkew.toSeconds()
              + " s after the ingestion time "
              + Instant.ofEpochMilli(ingestionTime));
    }
  }
}
