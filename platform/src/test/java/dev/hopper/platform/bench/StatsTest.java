package dev.hopper.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    Stats.Summary s = Stats.summarize(List.of(30.0, 10.0, 20.0));
    assertThat(s.median()).isEqualTo(20.0);
    assertThat(s.min()).isEqualTo(10.0);
    assertThat(s.max()).isEqualTo(30.0);
    assertThat(s.n()).isEqualTo(3);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Stats.summarize(List.of(4, 1, 3, 2)).median()).isEqualTo(2.5);
  }

  @Test
  void summarizingNothingOrNonFiniteValuesIsRefused() {
    assertThatThrownBy(() -> Stats.summarize(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.summarize(List.of(1.0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void nearestRankPercentiles() {
    long[] hundred = new long[100];
    for (int i = 0; i < 100; i++) {
      hundred[i] = i + 1;
    }
    assertThat(Stats.percentile(hundred, 50)).isEqualTo(50);
    assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
    assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
    assertThat(Stats.percentile(hundred, 0.5)).isEqualTo(1);
    // Ten samples: p95 is the 10th (ceil(9.5)), p50 the 5th.
    long[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1000};
    assertThat(Stats.percentile(ten, 95)).isEqualTo(1000);
    assertThat(Stats.percentile(ten, 50)).isEqualTo(5);
    assertThat(Stats.percentile(new long[] {7}, 99)).isEqualTo(7);
  }

  @Test
  void percentileArgumentsAreChecked() {
    assertThatThrownBy(() -> Stats.percentile(new long[0], 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 100.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void samplesGrowAndComeBackSorted() {
    Stats.Samples samples = new Stats.Samples();
    Random random = new Random(7);
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 5000; i++) {
      long v = random.nextInt(1_000_000);
      max = Math.max(max, v);
      samples.add(v);
    }
    long[] sorted = samples.sorted();
    assertThat(samples.size()).isEqualTo(5000);
    assertThat(sorted).hasSize(5000).isSorted();
    assertThat(sorted[sorted.length - 1]).isEqualTo(max);
    samples.add(-1);
    assertThat(samples.sorted()[0]).isEqualTo(-1);
    assertThat(sorted).hasSize(5000); // a copy: later samples do not change it
  }
}
