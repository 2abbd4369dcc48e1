package dev.hopper.platform.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The performance targets of the benchmark issue, evaluated on the medians of a finished run. A
 * target whose workload did not run is left out; none of them fails the benchmark (a slow machine
 * is not an error), they are reported as met or not.
 */
public final class Targets {
  /** Transactional hops from an order to its enriched record: orders-by-product, then output. */
  public static final int ENRICHED_HOPS = 2;

  private Targets() {}

  /** One target: the measured median, the threshold, and whether it is met. */
  public record Target(
      String name, double value, String unit, String comparison, double threshold) {
    /** Whether the value satisfies the threshold. */
    public boolean met() {
      return comparison.equals(">=") ? value >= threshold : value <= threshold;
    }
  }

  /** Every target that the results allow to evaluate, keyed by workload name. */
  public static List<Target> evaluate(Map<String, WorkloadResult> results) {
    List<Target> out = new ArrayList<>();
    median(results, Workloads.FULL_EOS, "ratio to pass-through")
        .ifPresent(
            v ->
                out.add(
                    new Target(
                        "full topology (EOS v2) vs pass-through throughput", v, "%", ">=", 50)));
    median(results, Workloads.SALES_ONLY, "input records per CPU-second")
        .ifPresent(
            v ->
                out.add(
                    new Target(
                        "sales-by-category alone, exact: input records per app CPU-second",
                        v,
                        "records/CPU-s",
                        ">=",
                        100_000)));
    for (String latency : List.of(Workloads.LATENCY_100, Workloads.LATENCY_1000)) {
      WorkloadResult r = results.get(latency);
      if (r == null) {
        continue;
      }
      Object commit = r.settings().get("commit.interval.ms");
      long commitMs = commit instanceof Number n ? n.longValue() : 0;
      median(results, latency, "enriched p99")
          .ifPresent(
              v ->
                  out.add(
                      new Target(
                          "e2e p99 (commit " + commitMs + " ms) <= (hops+1) x commit + 200 ms",
                          v,
                          "ms",
                          "<=",
                          (ENRICHED_HOPS + 1) * commitMs + 200.0)));
      median(results, latency, "window final p99")
          .ifPresent(
              v ->
                  out.add(
                      new Target(
                          "window final visible after close + grace (commit "
                              + commitMs
                              + " ms), p99",
                          v,
                          "ms",
                          "<=",
                          1000)));
    }
    median(results, Workloads.RESTORE, "restore rate")
        .ifPresent(v -> out.add(new Target("restore rate", v, "records/s", ">=", 200_000)));
    median(results, Workloads.FULL_EOS, "peak RSS")
        .ifPresent(v -> out.add(new Target("app peak RSS (full topology)", v, "MiB", "<=", 1024)));
    return out;
  }

  private static Optional<Double> median(
      Map<String, WorkloadResult> results, String workload, String metric) {
    WorkloadResult r = results.get(workload);
    return r == null ? Optional.empty() : r.median(metric);
  }
}
