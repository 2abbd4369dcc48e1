package dev.hopper.streams.query;

import dev.hopper.streams.topology.quotes.CandleAggregate;
import java.time.Instant;

/**
 * One candle window read from a candle store.
 *
 * @param start window start
 * @param end window end (exclusive)
 * @param candle the aggregate so far
 * @param isFinal whether the window has closed (end + grace at or before the partition's stream
 *     time): its values will not change any more
 */
public record CandleWindow(Instant start, Instant end, CandleAggregate candle, boolean isFinal) {}
