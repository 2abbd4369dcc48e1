package dev.hopper.streams.topology.validation;

import dev.hopper.avro.RejectedRecord;

/**
 * What the validation gate lets through: either a valid value (re-stamped with its event time) or
 * the dead letter describing why the record was rejected. Never serialized.
 */
public record Gated<T>(T value, RejectedRecord rejected) {

  /** A valid value. */
  public static <T> Gated<T> valid(T value) {
    return new Gated<>(value, null);
  }

  /** A rejected record. */
  public static <T> Gated<T> rejected(RejectedRecord rejected) {
    return new Gated<>(null, rejected);
  }

  /** Whether this is a valid value. */
  public boolean isValid() {
    return rejected == null;
  }
}
