package dev.hopper.platform.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a benchmark run: the JSON document written under {@code target/bench/} (machine,
 * load, versions, settings, every figure of every run, checks and targets) and the table printed on
 * standard output. Both are pure functions of the collected results.
 */
public final class BenchReport {
  /** Version of the JSON document's shape; bumped when fields change meaning. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final BenchOptions options;
  private final List<String> args;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final Map<String, Object> machine;
  private final Map<String, Object> versions;
  private final double[] loadAtStart;
  private final double[] loadAtEnd;
  private final Map<String, WorkloadResult> results;
  private final String failure;

  /** A report of {@code results}; {@code failure} is the reason the run stopped early, or null. */
  public BenchReport(
      BenchOptions options,
      List<String> args,
      Instant startedAt,
      Instant finishedAt,
      Map<String, Object> machine,
      Map<String, Object> versions,
      double[] loadAtStart,
      double[] loadAtEnd,
      Map<String, WorkloadResult> results,
      String failure) {
    this.options = options;
    this.args = List.copyOf(args);
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.machine = machine;
    this.versions = versions;
    this.loadAtStart = loadAtStart.clone();
    this.loadAtEnd = loadAtEnd.clone();
    this.results = results;
    this.failure = failure;
  }

  /** Whether every workload completed, every check held, and nothing stopped the run. */
  public boolean passed() {
    return failure == null && results.values().stream().allMatch(WorkloadResult::passed);
  }

  /** The JSON document. */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("benchmark", "hopper");
    root.put("format", FORMAT);
    root.put("mode", options.quick() ? "quick" : "full");
    ArrayNode a = root.putArray("arguments");
    args.forEach(a::add);
    root.put("startedAt", startedAt.toString());
    root.put("finishedAt", finishedAt.toString());
    root.put("durationSeconds", Duration.between(startedAt, finishedAt).toMillis() / 1000.0);
    root.put("passed", passed());
    if (failure != null) {
      root.put("failure", failure);
    }
    root.set("machine", JSON.valueToTree(machine));
    ObjectNode load = root.putObject("loadAverage");
    load.put(
        "note",
        "1, 5 and 15 minute load averages of the machine; the machine may be shared, and a load"
            + " above the core count means the figures are noisy");
    loads(load.putArray("start"), loadAtStart);
    loads(load.putArray("end"), loadAtEnd);
    root.set("versions", JSON.valueToTree(versions));
    root.set("settings", settings());
    ArrayNode workloads = root.putArray("workloads");
    for (WorkloadResult r : results.values()) {
      workloads.add(workload(r));
    }
    ArrayNode targets = root.putArray("targets");
    for (Targets.Target t : Targets.evaluate(results)) {
      ObjectNode n = targets.addObject();
      n.put("name", t.name());
      n.put("value", round(t.value()));
      n.put("unit", t.unit());
      n.put("comparison", t.comparison());
      n.put("threshold", t.threshold());
      n.put("met", t.met());
    }
    return root;
  }

  private static void loads(ArrayNode node, double[] values) {
    for (double v : values) {
      node.add(v);
    }
  }

  private ObjectNode settings() {
    ObjectNode s = JSON.createObjectNode();
    s.put("orders", options.orders());
    s.put("customers", options.customers());
    s.put("products", options.products());
    s.put("partitions", options.partitions());
    s.put("runs", options.runs());
    s.put("seed", options.seed());
    s.put("streamThreads", options.threads());
    s.put("childHeap", options.heap());
    s.put("latencyRate", options.rate());
    s.put("latencySeconds", options.duration().toSeconds());
    s.put("warmupSeconds", options.warmup().toSeconds());
    s.put("queryRoundSeconds", options.queryDuration().toSeconds());
    s.put("sinkDocuments", options.sinkDocuments());
    ArrayNode w = s.putArray("workloads");
    options.workloadLabels().forEach(w::add);
    return s;
  }

  private static ObjectNode workload(WorkloadResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", r.name());
    n.put("description", r.description());
    n.put("runs", r.runs());
    n.put("passed", r.passed());
    r.failure().ifPresent(f -> n.put("failure", f));
    n.set("settings", JSON.valueToTree(r.settings()));
    ArrayNode metrics = n.putArray("metrics");
    for (WorkloadResult.Metric m : r.metrics()) {
      Stats.Summary s = m.summary();
      ObjectNode o = metrics.addObject();
      o.put("name", m.name());
      o.put("unit", m.unit());
      o.put("better", m.better().name().toLowerCase(Locale.ROOT));
      o.put("median", round(s.median()));
      o.put("min", round(s.min()));
      o.put("max", round(s.max()));
      ArrayNode values = o.putArray("values");
      m.values().forEach(v -> values.add(round(v)));
    }
    ArrayNode checks = n.putArray("checks");
    for (WorkloadResult.Check c : r.checks()) {
      ObjectNode o = checks.addObject();
      o.put("name", c.name());
      o.put("run", c.run());
      o.put("expected", c.expected());
      o.put("actual", c.actual());
      o.put("ok", c.ok());
    }
    ArrayNode notes = n.putArray("notes");
    r.notes().forEach(notes::add);
    return n;
  }

  /** Three significant decimals are plenty for any figure here. */
  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Writes the JSON to {@code dir/bench-<time>.json} and {@code dir/latest.json}. */
  public Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    String stamp = startedAt.toString().replace(":", "").replace("-", "").replaceAll("\\.\\d+", "");
    Path file = dir.resolve("bench-" + stamp + ".json");
    byte[] json = JSON.writeValueAsBytes(toJson());
    Files.write(file, json);
    Files.write(dir.resolve("latest.json"), json);
    return file;
  }

  /** The table for standard output. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nHopper benchmark, %s mode: %d run(s) each, %s orders, %s customers, %d"
                + " partitions, %d stream threads%n",
            options.quick() ? "quick" : "full",
            options.runs(),
            Console.count(options.orders()),
            Console.count(options.customers()),
            options.partitions(),
            options.threads()));
    sb.append(
        String.format(
            Locale.ROOT,
            "%s cores, load average %s at start, %s at end; %s%n%n",
            machine.getOrDefault("cores", "?"),
            loadAtStart.length == 0 ? "?" : Console.number(loadAtStart[0]),
            loadAtEnd.length == 0 ? "?" : Console.number(loadAtEnd[0]),
            Duration.between(startedAt, finishedAt).toSeconds() + " s"));
    String row = "%-16s %-32s %12s %12s %12s  %s%n";
    sb.append(
        String.format(Locale.ROOT, row, "workload", "figure", "median", "min", "max", "unit"));
    for (WorkloadResult r : results.values()) {
      String name = r.name();
      for (WorkloadResult.Metric m : r.metrics()) {
        Stats.Summary s = m.summary();
        sb.append(
            String.format(
                Locale.ROOT,
                row,
                name,
                m.name(),
                Console.number(s.median()),
                Console.number(s.min()),
                Console.number(s.max()),
                m.unit() + (s.n() < options.runs() ? " (" + s.n() + " run(s))" : "")));
        name = "";
      }
      r.failure()
          .ifPresent(f -> sb.append(String.format(Locale.ROOT, "%-16s FAILED: %s%n", r.name(), f)));
    }
    long checks = results.values().stream().mapToLong(r -> r.checks().size()).sum();
    List<WorkloadResult.Check> bad =
        results.values().stream().flatMap(r -> r.checks().stream()).filter(c -> !c.ok()).toList();
    sb.append(
        String.format(
            Locale.ROOT,
            "%nExactness: %d of %d output checks exact%n",
            checks - bad.size(),
            checks));
    for (WorkloadResult r : results.values()) {
      for (WorkloadResult.Check c : r.checks()) {
        if (!c.ok()) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "  WRONG %s run %d, %s: expected %s, got %s%n",
                  r.name(),
                  c.run(),
                  c.name(),
                  Console.count(c.expected()),
                  Console.count(c.actual())));
        }
      }
    }
    List<Targets.Target> targets = Targets.evaluate(results);
    if (!targets.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "%nTargets (medians)%n"));
      for (Targets.Target t : targets) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-8s %-66s %s %s (%s %s)%n",
                t.met() ? "met" : "NOT MET",
                t.name(),
                Console.number(t.value()),
                t.unit(),
                t.comparison(),
                Console.number(t.threshold())));
      }
    }
    for (WorkloadResult r : results.values()) {
      for (String note : r.notes()) {
        sb.append(String.format(Locale.ROOT, "Note (%s): %s%n", r.name(), note));
      }
    }
    if (failure != null) {
      sb.append(String.format(Locale.ROOT, "%nThe benchmark stopped early: %s%n", failure));
    }
    return sb.toString();
  }
}
