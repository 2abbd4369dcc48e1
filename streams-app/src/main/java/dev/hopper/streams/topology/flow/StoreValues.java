package dev.hopper.streams.topology.flow;

import org.apache.kafka.streams.state.ValueAndTimestamp;

/** Reads DSL-managed stores whatever their flavour (plain or timestamped). */
public final class StoreValues {
  private StoreValues() {}

  /** The plain value of what a DSL store returned. */
  @SuppressWarnings("unchecked")
  public static <V> V plain(Object stored) {
    if (stored instanceof ValueAndTimestamp<?> vat) {
      return (V) vat.value();
    }
    return (V) stored;
  }
}
