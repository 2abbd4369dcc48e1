package dev.hopper.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hopper.platform.bench.WorkloadResult.Better;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  private static final Instant START = Instant.parse("2026-11-22T05:00:00Z");

  private static Map<String, WorkloadResult> results(long enrichedActual) {
    Map<String, WorkloadResult> results = new LinkedHashMap<>();
    WorkloadResult pass = new WorkloadResult(Workloads.PASS_THROUGH, "baseline");
    WorkloadResult full = new WorkloadResult(Workloads.FULL_EOS, "full topology");
    for (double[] run : new double[][] {{100_000, 60_000}, {120_000, 54_000}, {90_000, 72_000}}) {
      pass.add("throughput", "records/s", Better.HIGHER, run[0]);
      full.add("throughput", "records/s", Better.HIGHER, run[1]);
      full.add("ratio to pass-through", "%", Better.HIGHER, 100 * run[1] / run[0]);
      pass.runCompleted();
      full.runCompleted();
    }
    full.add("peak RSS", "MiB", Better.LOWER, 700);
    full.check("enriched orders", 1, 1000, enrichedActual);
    full.setting("processing.guarantee", "exactly_once_v2");
    full.note("a note for the reader");
    results.put(pass.name(), pass);
    results.put(full.name(), full);
    return results;
  }

  private static BenchReport report(Map<String, WorkloadResult> results, String failure) {
    return new BenchReport(
        BenchOptions.quickPreset(),
        List.of("--quick"),
        START,
        START.plusSeconds(150),
        Map.of("cores", 2, "os", "Linux"),
        Map.of("kafka", "4.3.1"),
        new double[] {1.5, 1.2, 1.0},
        new double[] {2.0, 1.4, 1.1},
        results,
        failure);
  }

  @Test
  void tableShowsMediansMinMaxTargetsAndExactness() {
    String table = report(results(1000), null).table();
    assertThat(table)
        .contains("quick mode")
        .contains("pass-through")
        .contains("100,000") // median of 90k, 100k, 120k
        .contains("90,000")
        .contains("120,000")
        .contains("Exactness: 1 of 1 output checks exact")
        .contains("full topology (EOS v2) vs pass-through throughput")
        .contains("Note (full-eos): a note for the reader")
        .doesNotContain("WRONG");
    // The ratio is taken per run (60 %, 45 %, 80 %): median 60 %, met.
    assertThat(table).containsPattern("met\\s+full topology \\(EOS v2\\) vs pass-through");
  }

  @Test
  void aWrongOutputFailsTheReportAndIsNamed() {
    BenchReport report = report(results(999), null);
    assertThat(report.passed()).isFalse();
    assertThat(report.table())
        .contains("Exactness: 0 of 1 output checks exact")
        .contains("WRONG full-eos run 1, enriched orders: expected 1,000, got 999");
  }

  @Test
  void aRunThatStoppedEarlyFails() {
    BenchReport report = report(results(1000), "the platform did not start");
    assertThat(report.passed()).isFalse();
    assertThat(report.table()).contains("The benchmark stopped early: the platform did not start");
    assertThat(report.toJson().get("failure").asText()).isEqualTo("the platform did not start");
  }

  @Test
  void jsonHoldsMachineVersionsSettingsEveryRunAndTargets(@TempDir Path dir) throws Exception {
    BenchReport report = report(results(1000), null);
    assertThat(report.passed()).isTrue();
    Path file = report.write(dir);
    assertThat(file.getFileName().toString()).isEqualTo("bench-20261122T050000Z.json");
    assertThat(Files.readString(dir.resolve("latest.json"))).isEqualTo(Files.readString(file));

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("format").asInt()).isEqualTo(BenchReport.FORMAT);
    assertThat(json.get("mode").asText()).isEqualTo("quick");
    assertThat(json.get("passed").asBoolean()).isTrue();
    assertThat(json.get("durationSeconds").asDouble()).isEqualTo(150.0);
    assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
    assertThat(json.get("versions").get("kafka").asText()).isEqualTo("4.3.1");
    assertThat(json.get("settings").get("orders").asLong())
        .isEqualTo(BenchOptions.quickPreset().orders());
    JsonNode workloads = json.get("workloads");
    assertThat(workloads).hasSize(2);
    JsonNode full = workloads.get(1);
    assertThat(full.toString())
        .contains("exactly_once_v2")
        .contains("54000")
        .contains("72000")
        .contains("enriched orders");
    JsonNode targets = json.get("targets");
    assertThat(targets.toString()).contains("app peak RSS");
    boolean ratioMet = false;
    for (JsonNode t : targets) {
      if (t.get("name").asText().startsWith("full topology")) {
        ratioMet = t.get("met").asBoolean();
        assertThat(t.get("value").asDouble()).isEqualTo(60.0);
      }
    }
    assertThat(ratioMet).isTrue();
  }

  @Test
  void procFsParsing() {
    assertThat(ProcFs.parseLoadAverage("0.52 0.58 0.59 1/467 12345\n"))
        .containsExactly(0.52, 0.58, 0.59);
    List<String> status = List.of("Name:\tjava", "VmHWM:\t  524288 kB", "VmRSS:\t  262144 kB");
    assertThat(ProcFs.statusField(status, "VmHWM")).isEqualTo(OptionalLong.of(524288L * 1024));
    assertThat(ProcFs.statusField(status, "VmRSS")).isEqualTo(OptionalLong.of(262144L * 1024));
    assertThat(ProcFs.statusField(status, "VmSwap")).isEmpty();
  }
}
