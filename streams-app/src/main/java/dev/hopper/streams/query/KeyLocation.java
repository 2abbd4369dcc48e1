package dev.hopper.streams.query;

import org.apache.kafka.streams.state.HostInfo;

/** Where the store partition holding a key can be read from now, as the locator sees it. */
public sealed interface KeyLocation {

  /** The partition is on this instance: active, or a standby when stale reads were allowed. */
  record Local(int partition, boolean standby) implements KeyLocation {}

  /** The partition is active on another instance: forward the request there. */
  record Remote(HostInfo host, int partition) implements KeyLocation {}

  /** No instance can serve the partition now (rebalancing, restoring, not running). */
  record Unavailable(String reason) implements KeyLocation {}
}
