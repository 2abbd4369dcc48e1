package dev.hopper.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.platform.bench.BenchOptions.Group;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchCliTest {

  @Test
  void noFlagsGiveTheFullPreset() {
    BenchOptions o = Bench.parse();
    assertThat(o.quick()).isFalse();
    assertThat(o.orders()).isEqualTo(1_000_000);
    assertThat(o.customers()).isEqualTo(1_000_000);
    assertThat(o.runs()).isEqualTo(3);
    assertThat(o.rate()).isEqualTo(5_000);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.workloads()).containsExactlyInAnyOrder(Group.values());
    assertThat(o.out()).isEqualTo(Path.of("target", "bench"));
  }

  @Test
  void quickIsOneLightRunOfEverything() {
    BenchOptions o = Bench.parse("--quick");
    assertThat(o.quick()).isTrue();
    assertThat(o.runs()).isEqualTo(1);
    assertThat(o.orders()).isLessThan(BenchOptions.fullPreset().orders());
    assertThat(o.duration()).isLessThan(BenchOptions.fullPreset().duration());
    assertThat(o.workloads()).containsExactlyInAnyOrder(Group.values());
  }

  @Test
  void flagsOverrideSingleValuesOfThePreset() {
    BenchOptions o =
        Bench.parse(
            "--quick",
            "--orders",
            "5000",
            "--runs",
            "2",
            "--only",
            "pass-through,memory",
            "--rate",
            "100",
            "--duration",
            "7",
            "--heap",
            "768m",
            "--out",
            "/tmp/x");
    assertThat(o.quick()).isTrue();
    assertThat(o.orders()).isEqualTo(5000);
    assertThat(o.runs()).isEqualTo(2);
    assertThat(o.workloads()).containsExactlyInAnyOrder(Group.PASS_THROUGH, Group.FULL);
    assertThat(o.rate()).isEqualTo(100);
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(7));
    assertThat(o.heap()).isEqualTo("768m");
    assertThat(o.out()).isEqualTo(Path.of("/tmp/x"));
    assertThat(o.customers()).isEqualTo(BenchOptions.quickPreset().customers());
  }

  @Test
  void workloadsThatNeedTheFullDrainOrTheBacklogSaySo() {
    BenchOptions restore = Bench.parse("--only", "restore");
    assertThat(restore.runsFullDrain()).isTrue();
    assertThat(restore.needsBacklog()).isTrue();
    BenchOptions latency = Bench.parse("--only", "latency,queries");
    assertThat(latency.runsFullDrain()).isFalse();
    assertThat(latency.needsBacklog()).isFalse();
    assertThat(latency.workloadLabels()).containsExactly("latency", "queries");
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> Bench.parse("--orders", "10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--orders");
    assertThatThrownBy(() -> Bench.parse("--only", "nexmark"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown workload 'nexmark'")
        .hasMessageContaining("pass-through");
    assertThatThrownBy(() -> Bench.parse("--heap", "lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--heap");
    assertThatThrownBy(() -> Bench.parse("--only", ","))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--only");
  }

  @Test
  void theCommandLineExitsWithTwoAndOneLineOnBadArguments() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Bench.run(
            new String[] {"--runs", "0"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("hopper-bench: --runs must be between 1 and 20");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

    err.reset();
    int unknown =
        Bench.run(
            new String[] {"--fast"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(unknown).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fast").contains("see --help");
  }

  @Test
  void helpListsTheWorkloadsAndExitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        Bench.run(
            new String[] {"--help"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--quick").contains("--only");
  }
}
