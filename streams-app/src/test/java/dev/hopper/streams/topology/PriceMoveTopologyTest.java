package dev.hopper.streams.topology;

import static dev.hopper.streams.topology.Samples.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.avro.MoveDirection;
import dev.hopper.avro.PriceMove;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceMoveTopologyTest {
  @TempDir Path state;

  private static void quote(Fixture f, double price, Instant time) {
    f.quote(Samples.quote("solana", "usd", price, time).build());
  }

  /** Moves stream time far ahead (another pair), so every buffered quote is evaluated. */
  private static void settle(Fixture f) {
    f.quote(Samples.quote("dogecoin", "usd", 0.1, at(36_000)).build());
  }

  @Test
  void shouldEmitOneUpMoveForOneRealMove() {
    try (Fixture f = new Fixture(state)) {
      quote(f, 100.0, at(0));
      quote(f, 101.0, at(60));
      quote(f, 102.5, at(120)); // +2.5 % from the low of [t-5m, t): a move
      quote(f, 103.0, at(150)); // still >= 2 %: same move, cooldown
      quote(f, 104.0, at(200)); // same
      settle(f);

      List<KeyValue<String, PriceMove>> out = f.moves.readKeyValuesToList();
      assertThat(out).hasSize(1);
      assertThat(out.get(0).key).isEqualTo("solana:usd:UP:" + at(120).toEpochMilli());
      PriceMove m = out.get(0).value;
      assertThat(m.getDirection()).isEqualTo(MoveDirection.UP);
      assertThat(m.getFromPrice()).isEqualTo(100.0);
      assertThat(m.getFromTime()).isEqualTo(at(0));
      assertThat(m.getToPrice()).isEqualTo(102.5);
      assertThat(m.getChangePct()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(m.getTriggerTime()).isEqualTo(at(120));
    }
  }

  @Test
  void shouldEmitAgainAfterCooldownAndDetectDownMoves() {
    try (Fixture f = new Fixture(state)) {
      quote(f, 100.0, at(0));
      quote(f, 103.0, at(60)); // UP
      quote(f, 106.0, at(60 + 300)); // UP again: 5 min after the first, low of window is 103
      quote(f, 103.5, at(400)); // DOWN: -2.36 % from 106
      quote(f, 100.0, at(420)); // DOWN again within cooldown: nothing
      settle(f);
      List<PriceMove> out = f.moves.readValuesToList();
      assertThat(out)
          .extracting(PriceMove::getDirection, PriceMove::getTriggerTime)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(MoveDirection.UP, at(60)),
              org.assertj.core.groups.Tuple.tuple(MoveDirection.UP, at(360)),
              org.assertj.core.groups.Tuple.tuple(MoveDirection.DOWN, at(400)));
    }
  }

  @Test
  void shouldIgnoreChangesBelowThresholdAndOutsideTheWindow() {
    try (Fixture f = new Fixture(state)) {
      quote(f, 100.0, at(0));
      quote(f, 101.9, at(60)); // +1.9 %
      quote(f, 103.0, at(60 + 301)); // +1.08 % from 101.9; 100 is older than 5 min
      settle(f);
      assertThat(f.moves.isEmpty()).isTrue();
    }
  }

  private List<PriceMove> moves(Path dir, List<double[]> quotesInArrivalOrder) {
    try (Fixture f = new Fixture(dir)) {
      for (double[] q : quotesInArrivalOrder) {
        quote(f, q[1], at((long) q[0]));
      }
      settle(f);
      return f.moves.readValuesToList();
    }
  }

  @Test
  void shouldFindTheSameMovesWhateverTheArrivalOrderWithinGrace() {
    // The low (100 at +50 s) arrives 20 s after the quote that rises 3 % above it
    List<PriceMove> inOrder =
        moves(
            state.resolve("a"),
            List.of(new double[] {0, 101}, new double[] {50, 100}, new double[] {60, 103}));
    List<PriceMove> disordered =
        moves(
            state.resolve("b"),
            List.of(new double[] {0, 101}, new double[] {60, 103}, new double[] {50, 100}));
    assertThat(inOrder).hasSize(1);
    assertThat(inOrder.get(0).getFromPrice()).isEqualTo(100.0);
    assertThat(disordered).isEqualTo(inOrder);
  }

  @Test
  void shouldDropAndCountQuoteLaterThanGrace() {
    try (Fixture f = new Fixture(state)) {
      quote(f, 100.0, at(100));
      quote(f, 50.0, at(10)); // 90 s behind stream time
      settle(f);
      assertThat(f.moves.isEmpty()).isTrue();
      assertThat(f.counters.lateCount(Names.LATE_PRICE_MOVES)).isEqualTo(1);
    }
  }
}
