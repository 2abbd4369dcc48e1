package dev.hopper.platform.bench;

import dev.hopper.platform.bench.BenchOptions.Group;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make bench}: Hopper's benchmark. Starts its own embedded platform on free ports, loads a
 * backlog, runs every workload (each job in its own JVM), prints a table and writes a JSON file
 * under {@code target/bench/}. Exits 0 when every workload completed with exact outputs, 1 when one
 * failed or an output was wrong, 2 on bad arguments. Ctrl-C stops every process it started and
 * deletes its temporary files.
 */
@Command(
    name = "hopper-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures Hopper against the limit of this machine: raw consumer, pass-through baseline,",
      "sales-only job, full topology (exactly-once and at-least-once), latency at a fixed rate,",
      "restore, MongoDB sink, REST lookups, memory. Median, min and max of each figure over the",
      "runs; a table on stdout and a JSON file under target/bench/; progress on stderr."
    })
public final class Bench implements Callable<Integer> {

  @Option(names = "--quick", description = "Smoke check under 3 minutes: small data, one run.")
  boolean quick;

  @Option(names = "--orders", paramLabel = "N", description = "Orders in the backlog (1000000).")
  Long orders;

  @Option(names = "--customers", paramLabel = "N", description = "Customers (1000000).")
  Integer customers;

  @Option(names = "--products", paramLabel = "N", description = "Products (1000).")
  Integer products;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions per topic (3).")
  Integer partitions;

  @Option(names = "--runs", paramLabel = "N", description = "Runs per workload (3).")
  Integer runs;

  @Option(
      names = "--only",
      paramLabel = "W[,W]",
      description = "Only these workloads: ${COMPLETION-CANDIDATES}")
  String only;

  @Option(names = "--seed", paramLabel = "S", description = "Generator seed (42).")
  Long seed;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "Orders/s of the live workloads (5000).")
  Integer rate;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description = "Measured seconds of each latency run (60).")
  Integer duration;

  @Option(names = "--sink-docs", paramLabel = "N", description = "Documents per sink run (200000).")
  Long sinkDocs;

  @Option(names = "--threads", paramLabel = "N", description = "Stream threads (2, the app's).")
  Integer threads;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      description =
          "Max heap of each job JVM (512m: with RocksDB and the JVM's own memory the app stays within the 1 GiB RSS target at 1M orders; 768m does not).")
  String heap;

  @Option(
      names = "--profile",
      description = "Record a JFR profile of the first run of every job (<out>/<job>-1.jfr).")
  boolean profile;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (target/bench).")
  Path out;

  @Option(
      names = "--streams-jar",
      paramLabel = "JAR",
      description = "The streams app (streams-app/target/hopper-streams.jar).")
  Path streamsJar;

  private final String[] rawArgs;
  private final PrintStream stdout;
  private final PrintStream stderr;

  Bench(String[] rawArgs, PrintStream stdout, PrintStream stderr) {
    this.rawArgs = rawArgs.clone();
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the benchmark; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Bench(args, out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("hopper-bench: " + ex.getMessage() + " (see --help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof IllegalArgumentException) {
            err.println("hopper-bench: " + ex.getMessage());
            return 2;
          }
          err.println("hopper-bench: " + ex);
          return 1;
        });
    return cli.execute(args);
  }

  /**
   * The options these flags give: the quick or full preset with every flag given applied over it.
   *
   * @throws IllegalArgumentException naming the flag at fault
   */
  BenchOptions options() {
    BenchOptions p = quick ? BenchOptions.quickPreset() : BenchOptions.fullPreset();
    Set<Group> groups = only == null ? EnumSet.allOf(Group.class) : BenchOptions.parseGroups(only);
    return new BenchOptions(
        quick,
        orders != null ? orders : p.orders(),
        customers != null ? customers : p.customers(),
        products != null ? products : p.products(),
        partitions != null ? partitions : p.partitions(),
        runs != null ? runs : p.runs(),
        seed != null ? seed : p.seed(),
        rate != null ? rate : p.rate(),
        duration != null ? Duration.ofSeconds(duration) : p.duration(),
        p.warmup(),
        p.queryDuration(),
        sinkDocs != null ? sinkDocs : p.sinkDocuments(),
        threads != null ? threads : p.threads(),
        heap != null ? heap : p.heap(),
        groups,
        out != null ? out : p.out(),
        streamsJar != null ? streamsJar : p.streamsJar(),
        profile);
  }

  /** Parses {@code args} into options, as the command line would (for tests). */
  static BenchOptions parse(String... args) {
    Bench bench = new Bench(args, System.out, System.err);
    new CommandLine(bench).parseArgs(args);
    return bench.options();
  }

  @Override
  public Integer call() throws Exception {
    BenchOptions options = options();
    Console console = new Console(stderr);
    Instant started = Instant.now();
    double[] loadAtStart = ProcFs.loadAverage();
    console.line(
        "hopper bench (%s): %s; %s orders, %d run(s); load average %s",
        options.quick() ? "quick" : "full",
        String.join(", ", options.workloadLabels()),
        Console.count(options.orders()),
        options.runs(),
        loadAtStart.length == 0 ? "unknown" : Console.number(loadAtStart[0]));
    BenchSession session = BenchSession.start(options, console);
    Thread cleanup =
        new Thread(
            () -> {
              console.line("stopping: cleaning up processes and temporary files");
              session.close();
            },
            "hopper-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    Map<String, WorkloadResult> results = Map.of();
    String failure = null;
    Workloads workloads = new Workloads(session);
    try {
      results = workloads.run();
    } catch (RuntimeException e) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
      console.line("FAILED: %s", failure);
      results = workloads.results();
    } finally {
      session.close();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException e) {
        // shutting down already (Ctrl-C): the hook has cleaned up
      }
    }
    BenchReport report =
        new BenchReport(
            options,
            Arrays.asList(rawArgs),
            started,
            Instant.now(),
            MachineInfo.machine(),
            MachineInfo.versions(),
            loadAtStart,
            ProcFs.loadAverage(),
            results,
            failure);
    Path file = report.write(options.out());
    stdout.print(report.table());
    stdout.printf("%nJSON: %s (also %s)%n", file, options.out().resolve("latest.json"));
    stdout.flush();
    return report.passed() ? 0 : 1;
  }
}
