package dev.hopper.platform.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of one benchmark run, validated: sizes, repetitions, which workloads run, and how
 * the app under test is launched. {@link #fullPreset()} and {@link #quickPreset()} are the two
 * presets; command-line flags override single values of either.
 *
 * @param quick whether this is the quick smoke-check preset (fewer, lighter runs)
 * @param orders orders of the pre-loaded backlog of the drain workloads
 * @param customers customers (keys of the customers global table and of the customer stats)
 * @param products products of the catalog
 * @param partitions partitions of every topic
 * @param runs repetitions of each workload (the median, minimum and maximum are reported)
 * @param seed generator seed
 * @param rate orders per second of the latency and query workloads
 * @param duration measured duration of each latency run
 * @param warmup time fed before latency samples are taken
 * @param queryDuration duration of each query round (single-key, then range)
 * @param sinkDocuments documents sunk into MongoDB per sink run
 * @param threads stream threads of every streams job (the app's default is 2)
 * @param heap maximum heap of every child JVM, as for {@code -Xmx}
 * @param workloads the workload groups to run
 * @param out directory of the JSON result and the child logs
 * @param streamsJar the streams app's jar ({@code hopper-streams.jar})
 * @param profile whether the first run of every job records a JFR profile
 */
public record BenchOptions(
    boolean quick,
    long orders,
    int customers,
    int products,
    int partitions,
    int runs,
    long seed,
    int rate,
    Duration duration,
    Duration warmup,
    Duration queryDuration,
    long sinkDocuments,
    int threads,
    String heap,
    Set<Group> workloads,
    Path out,
    Path streamsJar,
    boolean profile) {

  /** Workload groups selectable with {@code --only}. */
  public enum Group {
    /** Raw consumer, and consumer plus Avro decoding. */
    CONSUMER("consumer"),
    /** The pass-through Kafka Streams baseline. */
    PASS_THROUGH("pass-through"),
    /** Hopper's exact sales-by-category job alone. */
    SALES_ONLY("sales-only"),
    /** The full topology, exactly-once and at-least-once, with its memory figures. */
    FULL("full"),
    /** State restore of a wiped instance (runs the full exactly-once drain first). */
    RESTORE("restore"),
    /** Latency at a fixed rate, commit interval 100 ms and 1000 ms. */
    LATENCY("latency"),
    /** REST lookups under load. */
    QUERIES("queries"),
    /** Documents per second into MongoDB through Connect (runs a full drain first). */
    SINK("sink");

    private final String label;

    Group(String label) {
      this.label = label;
    }

    /** Its name on the command line. */
    public String label() {
      return label;
    }

    /** The group named {@code label} ({@code memory} is the full drain, which measures it). */
    public static Group parse(String label) {
      String l = label.trim().toLowerCase(Locale.ROOT);
      if (l.equals("memory")) {
        return FULL;
      }
      for (Group g : values()) {
        if (g.label.equals(l)) {
          return g;
        }
      }
      throw new IllegalArgumentException(
          "unknown workload '"
              + label
              + "': choose from "
              + Arrays.stream(values()).map(Group::label).collect(Collectors.joining(", "))
              + ", memory");
    }
  }

  /** Validates the settings, naming the option at fault. */
  public BenchOptions {
    require(orders >= 1_000, "--orders must be at least 1000");
    require(customers >= 1, "--customers must be at least 1");
    require(products >= 7, "--products must be at least 7 (one per category)");
    require(partitions >= 1 && partitions <= 64, "--partitions must be between 1 and 64");
    require(runs >= 1 && runs <= 20, "--runs must be between 1 and 20");
    require(rate >= 1 && rate <= 100_000, "--rate must be between 1 and 100000 orders/s");
    require(
        !duration.isNegative() && duration.toSeconds() >= 1,
        "--duration must be at least 1 second");
    require(threads >= 1 && threads <= 16, "--threads must be between 1 and 16");
    require(heap.matches("[1-9][0-9]*[kKmMgG]?"), "--heap must be a JVM size such as 768m or 1g");
    require(!workloads.isEmpty(), "--only must name at least one workload");
    require(sinkDocuments >= 100, "--sink-docs must be at least 100");
    workloads = Set.copyOf(workloads);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The full preset: 1M orders and customers, 3 runs of everything, latency 60 s at 5k/s. */
  public static BenchOptions fullPreset() {
    return new BenchOptions(
        false,
        1_000_000,
        1_000_000,
        1_000,
        3,
        3,
        42,
        5_000,
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        200_000,
        2,
        "512m",
        EnumSet.allOf(Group.class),
        Path.of("target", "bench"),
        Path.of("streams-app", "target", "hopper-streams.jar"),
        false);
  }

  /** The quick preset (a smoke check under 3 minutes): small data, one run, short latency. */
  public static BenchOptions quickPreset() {
    return new BenchOptions(
        true,
        10_000,
        5_000,
        200,
        3,
        1,
        42,
        500,
        Duration.ofSeconds(10),
        Duration.ofSeconds(4),
        Duration.ofSeconds(3),
        5_000,
        2,
        "512m",
        EnumSet.allOf(Group.class),
        Path.of("target", "bench"),
        Path.of("streams-app", "target", "hopper-streams.jar"),
        false);
  }

  /** Whether group {@code g} runs. */
  public boolean runs(Group g) {
    return workloads.contains(g);
  }

  /** Whether the full exactly-once drain runs (its own group, or one that needs its state). */
  public boolean runsFullDrain() {
    return runs(Group.FULL) || runs(Group.RESTORE) || runs(Group.SINK);
  }

  /** Whether any workload reads the pre-loaded backlog. */
  public boolean needsBacklog() {
    return runsFullDrain()
        || runs(Group.CONSUMER)
        || runs(Group.PASS_THROUGH)
        || runs(Group.SALES_ONLY);
  }

  /** Parses a comma-separated {@code --only} value. */
  public static Set<Group> parseGroups(String value) {
    Set<Group> groups = EnumSet.noneOf(Group.class);
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        groups.add(Group.parse(part));
      }
    }
    return groups;
  }

  /** The group names, in their order, for the report. */
  public List<String> workloadLabels() {
    return Arrays.stream(Group.values()).filter(this::runs).map(Group::label).toList();
  }
}
