package dev.hopper.platform.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one workload measured: its settings, every figure with one value per run, the correctness
 * checks of each run (expected versus actual output counts) and notes. A workload that failed keeps
 * what it measured before the failure and the reason.
 */
public final class WorkloadResult {
  /** Whether more or less of a figure is better. */
  public enum Better {
    HIGHER,
    LOWER,
    NEITHER
  }

  /** One figure over the runs: its values in run order and their summary. */
  public record Metric(String name, String unit, Better better, List<Double> values) {
    /** The median, minimum and maximum over the runs. */
    public Stats.Summary summary() {
      return Stats.summarize(values);
    }
  }

  /** A correctness check of one run: what the input implies, what the outputs held. */
  public record Check(String name, int run, long expected, long actual) {
    /** Whether the output matched the expectation exactly. */
    public boolean ok() {
      return expected == actual;
    }
  }

  private final String name;
  private final String description;
  private final Map<String, Object> settings = new LinkedHashMap<>();
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final List<Check> checks = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private int runs;
  private String failure;

  /** An empty result of workload {@code name}. */
  public WorkloadResult(String name, String description) {
    this.name = name;
    this.description = description;
  }

  /** Records a setting of this workload (shown in the JSON). */
  public WorkloadResult setting(String key, Object value) {
    settings.put(key, value);
    return this;
  }

  /** Records one run's value of a figure. */
  public void add(String metric, String unit, Better better, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(metric + " is not a finite number: " + value);
    }
    Metric m =
        metrics.computeIfAbsent(metric, k -> new Metric(metric, unit, better, new ArrayList<>()));
    m.values().add(value);
  }

  /** Records a correctness check of run {@code run}. */
  public void check(String check, int run, long expected, long actual) {
    checks.add(new Check(check, run, expected, actual));
  }

  /** Adds a note printed under the table and kept in the JSON. */
  public void note(String note) {
    notes.add(note);
  }

  /** Counts one more completed run. */
  public void runCompleted() {
    runs++;
  }

  /** Marks the workload failed with a one-line reason. */
  public void fail(String reason) {
    this.failure = reason;
  }

  /** The workload's name, e.g. {@code pass-through}. */
  public String name() {
    return name;
  }

  /** One sentence on what the workload measures. */
  public String description() {
    return description;
  }

  /** The settings it ran with. */
  public Map<String, Object> settings() {
    return Collections.unmodifiableMap(settings);
  }

  /** Every figure, in the order first recorded. */
  public List<Metric> metrics() {
    return List.copyOf(metrics.values());
  }

  /** One figure, when recorded. */
  public Optional<Metric> metric(String metric) {
    return Optional.ofNullable(metrics.get(metric));
  }

  /** The median of a figure, when recorded. */
  public Optional<Double> median(String metric) {
    return metric(metric).map(m -> m.summary().median());
  }

  /** Every correctness check. */
  public List<Check> checks() {
    return List.copyOf(checks);
  }

  /** The notes. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Completed runs. */
  public int runs() {
    return runs;
  }

  /** The reason it failed, when it did. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Whether it completed and every check held. */
  public boolean passed() {
    return failure == null && checks.stream().allMatch(Check::ok);
  }
}
