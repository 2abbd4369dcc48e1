package dev.hopper.streams;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.rest.QueryableApp;
import dev.hopper.streams.topology.HopperSerdes;
import dev.hopper.streams.topology.HopperTopology;
import dev.hopper.streams.topology.Topics;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar hopper-streams.jar [--config FILE] [--describe] [--reset]}: reads the layered
 * configuration, checks the topics, builds the topology and runs it until SIGTERM or Ctrl-C, which
 * close it cleanly. Bad arguments or configuration print one line and exit 2.
 */
@Command(
    name = "hopper-streams",
    mixinStandardHelpOptions = true,
    description =
        "Runs Hopper's Kafka Streams topology: validation, enrichment, candles, price moves,"
            + " sales by category, payment reconciliation, customer stats.")
public final class Main implements java.util.concurrent.Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file.")
  Path config;

  @Option(names = "--describe", description = "Print the topology and exit (no Kafka needed).")
  boolean describe;

  @Option(
      names = "--reset",
      description =
          "Reprocess all retained input from the beginning: delete committed offsets, internal"
              + " topics and local state first. Stop every other instance before.")
  boolean reset;

  @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka brokers.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema Registry.")
  String schemaRegistryUrl;

  @Option(names = "--application-id", paramLabel = "ID", description = "Streams application id.")
  String applicationId;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state directory.")
  String stateDir;

  @Option(names = "--threads", paramLabel = "N", description = "Stream threads.")
  Integer threads;

  @Option(
      names = {"-D", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Any configuration key (Kafka or hopper.*), highest precedence.")
  Map<String, String> overrides = new LinkedHashMap<>();

  private final Map<String, String> environment;
  private final PrintStream out;

  Main(Map<String, String> environment, PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the command and returns its exit code (0 ok, 1 failed, 2 bad arguments or config). */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main(env, out));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("hopper-streams: " + ex.getMessage() + " (see --help)");
          return 2;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof ConfigException) {
            err.println("hopper-streams: " + ex.getMessage());
            return 2;
          }
          err.println("hopper-streams: " + ex.getMessage());
          LOG.error("hopper-streams failed", ex);
          return 1;
        });
    return cli.execute(args);
  }

  /** The layered configuration from defaults, file, environment and flags. */
  LayeredConfig configuration() {
    Map<String, String> flags = new LinkedHashMap<>();
    if (bootstrapServers != null) {
      flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (schemaRegistryUrl != null) {
      flags.put("schema.registry.url", schemaRegistryUrl);
    }
    if (applicationId != null) {
      flags.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    }
    if (stateDir != null) {
      flags.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    }
    if (threads != null) {
      flags.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads.toString());
    }
    flags.putAll(overrides);
    return LayeredConfig.builder()
        .defaults(StreamsSettings.defaults())
        .file(config)
        .environment(environment)
        .flags(flags)
        .build();
  }

  @Override
  public Integer call() {
    StreamsSettings settings = StreamsSettings.from(configuration());
    if (describe) {
      HopperSerdes serdes =
          new HopperSerdes(new RegistrySerdeFactory(settings.streamsProperties()));
      out.println(
          HopperTopology.build(Topics.from(settings.catalog(), serdes), serdes, settings.topology())
              .describe());
      return 0;
    }
    settings = StreamsStartup.prepare(settings, reset);
    return runUntilStopped(settings);
  }

  private int runUntilStopped(StreamsSettings settings) {
    QueryableApp instance =
        QueryableApp.create(settings, new RegistrySerdeFactory(settings.streamsProperties()));
    HopperStreamsApp app = instance.app();
    if (reset) {
      app.streams().cleanUp(); // --reset only: a normal start keeps its local state
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean failed = new AtomicBoolean();
    app.addStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.ERROR) {
            failed.set(true);
          }
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        });
    AtomicBoolean closing = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              if (closing.compareAndSet(false, true)) {
                LOG.info("Shutdown requested: closing {}", settings.applicationId());
                instance.close();
              }
            },
            "hopper-streams-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    app.start();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closing.compareAndSet(false, true)) {
      instance.close();
    }
    return failed.get() ? 1 : 0;
  }
}
