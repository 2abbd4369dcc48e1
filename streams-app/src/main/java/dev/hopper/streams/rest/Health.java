package dev.hopper.streams.rest;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness and readiness as SPEC defines them. Live: the process serves HTTP and Kafka Streams is
 * not in ERROR. Ready: the app has reached RUNNING at least once and is now RUNNING or REBALANCING:
 * a rebalance does not make an instance unready (its queries answer 503 one by one), an error or a
 * shutdown does.
 */
final class Health implements KafkaStreams.StateListener {
  private final Supplier<KafkaStreams.State> state;
  private volatile boolean reachedRunning;

  Health(Supplier<KafkaStreams.State> state) {
    this.state = state;
  }

  @Override
  public void onChange(KafkaStreams.State now, KafkaStreams.State before) {
    if (now == KafkaStreams.State.RUNNING) {
      reachedRunning = true;
    }
  }

  KafkaStreams.State state() {
    KafkaStreams.State s = state.get();
    if (s == KafkaStreams.State.RUNNING) {
      reachedRunning = true;
    }
    return s;
  }

  boolean live() {
    KafkaStreams.State s = state();
    return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.PENDING_ERROR;
  }

  boolean ready() {
    KafkaStreams.State s = state();
    return reachedRunning
        && (s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING);
  }

  /** Why the instance is not ready, for the probe's answer. */
  String reason() {
    KafkaStreams.State s = state();
    if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR) {
      return "Kafka Streams is in " + s;
    }
    if (s == KafkaStreams.State.PENDING_SHUTDOWN || s == KafkaStreams.State.NOT_RUNNING) {
      return "shutting down";
    }
    if (!reachedRunning) {
      return "starting: Kafka Streams has not reached RUNNING yet (" + s + ")";
    }
    return "ready";
  }
}
