package dev.hopper.streams.topology.flow;

/**
 * A stored value with a time and a flag beside it (e.g. a held order and whether it is late, or a
 * pending order and the order stream time when it arrived).
 */
public record Stamped<T>(long time, boolean flag, T value) {}
