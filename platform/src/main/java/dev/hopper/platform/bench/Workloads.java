package dev.hopper.platform.bench;

import dev.hopper.platform.bench.BenchOptions.Group;
import dev.hopper.platform.bench.WorkloadResult.Better;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the selected workloads in rounds and collects their results. Drain workloads are interleaved
 * — round 1 of each, then round 2 of each — so that the figures compared with each other (the full
 * topology against the pass-through baseline) are measured minutes apart under the same machine
 * load, and their ratio is taken per round.
 */
final class Workloads {
  /** Raw consumer throughput. */
  static final String CONSUMER = "consumer";

  /** Consumer plus Avro decoding. */
  static final String CONSUMER_DECODE = "consumer+decode";

  /** The pass-through Kafka Streams baseline. */
  static final String PASS_THROUGH = "pass-through";

  /** Hopper's exact sales-by-category job alone. */
  static final String SALES_ONLY = "sales-only";

  /** The full topology, exactly-once v2. */
  static final String FULL_EOS = "full-eos";

  /** The full topology, at-least-once. */
  static final String FULL_ALO = "full-alo";

  /** Restore of a wiped instance. */
  static final String RESTORE = "restore";

  /** Latency at a fixed rate, commit interval 100 ms. */
  static final String LATENCY_100 = "latency-100ms";

  /** Latency at a fixed rate, commit interval 1000 ms. */
  static final String LATENCY_1000 = "latency-1000ms";

  /** REST lookups under load. */
  static final String QUERIES = "queries";

  /** Documents per second into MongoDB. */
  static final String SINK = "sink";

  private final BenchSession session;
  private final BenchOptions options;
  private final Console console;
  private final Map<String, WorkloadResult> results = new LinkedHashMap<>();

  Workloads(BenchSession session) {
    this.session = session;
    this.options = session.options();
    this.console = session.console();
  }

  /** Runs everything selected; the results, in the order of the report. */
  Map<String, WorkloadResult> run() {
    if (options.needsBacklog()) {
      Drains drains = new Drains(session, this);
      drains.load();
      for (int run = 1; run <= options.runs(); run++) {
        console.line("round %d of %d", run, options.runs());
        drains.round(run);
      }
    }
    if (options.runs(Group.LATENCY) || options.runs(Group.QUERIES)) {
      new LiveWorkloads(session, this).run();
    }
    return results;
  }

  /** The results so far. */
  Map<String, WorkloadResult> results() {
    return results;
  }

  /** The result of {@code name}, created on first use. */
  WorkloadResult result(String name, String description) {
    return results.computeIfAbsent(name, n -> new WorkloadResult(n, description));
  }

  /** The result of {@code name} when it exists. */
  WorkloadResult existing(String name) {
    return results.get(name);
  }

  /**
   * Runs one run of a workload unless it already failed; a failure is recorded (the workload
   * reports what it measured before) and does not stop the other workloads.
   */
  void attempt(WorkloadResult result, int run, Runnable body) {
    if (result.failure().isPresent()) {
      return;
    }
    try {
      body.run();
      result.runCompleted();
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      result.fail("run " + run + ": " + reason);
      console.line("%s run %d FAILED: %s", result.name(), run, reason);
    }
  }

  /** Records a rate and its per-CPU-second figure, the two figures of every drain. */
  static void recordDrain(WorkloadResult r, DrainMeter.Drain d) {
    r.add("throughput", "records/s", Better.HIGHER, d.rate());
    r.add("input records per CPU-second", "records/CPU-s", Better.HIGHER, d.perCpuSecond());
    r.add("time from launch", "s", Better.LOWER, d.coldSeconds());
  }
}
