package dev.hopper.streams.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * The outcome of one key query: found here, held by another instance, unknown, or unavailable while
 * the application rebalances or restores. The HTTP layer maps them to 200, a forwarded request, 404
 * and 503.
 *
 * @param <T> the value type
 */
public sealed interface Outcome<T> {

  /** The value, read from a local store; {@code stale} when read from a standby or restoring. */
  record Found<T>(T value, boolean stale) implements Outcome<T> {}

  /** Another instance holds the key's partition. */
  record Remote<T>(HostInfo host) implements Outcome<T> {}

  /** The key is not in the store. */
  record NotFound<T>(String message) implements Outcome<T> {}

  /** The key's partition cannot be read anywhere right now. */
  record Rebalancing<T>(String reason) implements Outcome<T> {}
}
