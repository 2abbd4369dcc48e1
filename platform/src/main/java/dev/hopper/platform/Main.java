package dev.hopper.platform;

import dev.hopper.config.ConfigException;
import dev.hopper.config.LayeredConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code java -jar hopper-platform.jar}: the embedded platform on SPEC's default ports, kept under
 * {@code ./data}. Ctrl-C or SIGTERM stops everything cleanly and exits 0.
 */
@Command(
    name = "hopper-platform",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Runs Hopper in one JVM on 127.0.0.1: the services (Kafka in KRaft mode, the schema registry,",
      "MongoDB as a wire-protocol server, Kafka Connect with the MongoDB sink connectors) and the",
      "pipeline (quote feed, order generator, streams app with its REST API); --services-only",
      "starts the services alone.",
      "A service whose endpoint is configured (KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL,",
      "MONGODB_URI, HOPPER_CONNECT_URL) is not started; the external one is used instead."
    })
public final class Main implements Callable<Integer> {

  @Option(
      names = "--services-only",
      description = "Start only the services (Kafka, registry, MongoDB, Connect).")
  boolean servicesOnly;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where services keep their data (default: ./data).")
  Path dataDir;

  @Option(names = "--fresh", description = "Delete the data directory first: start empty.")
  boolean fresh;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file.")
  Path configFile;

  @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka port (default 9092).")
  Integer kafkaPort;

  @Option(
      names = "--registry-port",
      paramLabel = "PORT",
      description = "Schema registry port (default 8081).")
  Integer registryPort;

  @Option(
      names = "--mongo-port",
      paramLabel = "PORT",
      description = "MongoDB port (default 27017).")
  Integer mongoPort;

  @Option(
      names = "--rest-port",
      paramLabel = "PORT",
      description = "Hopper REST port (default 7070).")
  Integer restPort;

  @Option(
      names = "--connect-port",
      paramLabel = "PORT",
      description = "Kafka Connect REST port (default 8083).")
  Integer connectPort;

  private final PrintStream out;
  private final CountDownLatch stop;

  Main(PrintStream out, CountDownLatch stop) {
    this.out = out;
    this.stop = stop;
  }

  /** Entry point: exits with the command's status. */
  public static void main(String[] args) {
    CountDownLatch stop = new CountDownLatch(1);
    // A clean stop on Ctrl-C and SIGTERM, ending in exit status 0 rather than 130/143.
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), s -> stop.countDown());
    }
    System.exit(run(args, System.out, System.err, stop));
  }

  /** Runs the command until {@code stop} is released; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) {
    CommandLine cli = new CommandLine(new Main(out, stop));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setErr(new java.io.PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("hopper-platform: " + oneLine(e));
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    LayeredConfig config =
        LayeredConfig.builder()
            .defaults(defaults())
            .file(configFile)
            .environment(System.getenv())
            .flags(flags())
            .build();
    Path dir = Path.of(config.get("hopper.platform.data.dir", "data"));
    if (fresh) {
      EmbeddedPlatform.deleteRecursively(dir);
    }
    EmbeddedPlatform platform =
        EmbeddedPlatform.builder()
            .dataDir(dir)
            .mongoStorage(EmbeddedPlatform.MongoStorage.FILE)
            .kafkaPort(port(config, "kafka"))
            .registryPort(port(config, "registry"))
            .mongoPort(port(config, "mongo"))
            .connectPort(port(config, "connect"))
            .external(config)
            .build();
    if (!servicesOnly) {
      // Fail before anything starts, as the services' ports do.
      Ports.checkAvailable("Hopper REST", config.getInt("hopper.rest.port", 7070, 0, 65535));
    }
    platform.start();
    Pipeline pipeline = null;
    try {
      if (servicesOnly) {
        printBanner(platform);
      } else {
        Map<String, String> streamsState = new LinkedHashMap<>();
        if (config.find("state.dir").isEmpty() && config.find("hopper.state.dir").isEmpty()) {
          streamsState.put("hopper.state.dir", dir.resolve("streams").toString());
        }
        streamsState.putAll(platform.clientConfig());
        pipeline = Pipeline.start(config.with(streamsState));
        printBanner(platform);
        printPipeline(platform, pipeline);
      }
      stop.await();
      out.println("Stopping...");
    } finally {
      if (pipeline != null) {
        pipeline.close();
      }
      platform.close();
    }
    out.println("Stopped.");
    return 0;
  }

  private void printPipeline(EmbeddedPlatform platform, Pipeline pipeline) {
    String rest = pipeline.restUrl();
    out.printf(Locale.ROOT, "The pipeline is running: quotes, orders and payments flow in.%n");
    out.printf(
        Locale.ROOT,
        "  REST API         %s/api/v1   (OpenAPI: %s/api/v1/openapi.json)%n",
        rest,
        rest);
    out.printf(Locale.ROOT, "  Monitoring page  %s/%n", rest);
    out.printf(Locale.ROOT, "  Metrics          %s/metrics%n", rest);
    platform
        .mongoUri()
        .ifPresent(
            uri ->
                out.printf(
                    Locale.ROOT,
                    "  MongoDB          mongosh %s/hopper  (collections candles, price_moves,"
                        + " enriched_orders, category_sales, order_payments)%n",
                    uri));
    out.printf(Locale.ROOT, "Try:%n");
    out.printf(Locale.ROOT, "  curl '%s/api/v1/quotes/bitcoin?vs=usd'%n", rest);
    out.printf(Locale.ROOT, "  curl '%s/api/v1/candles/bitcoin?vs=usd&interval=1m'%n", rest);
    out.printf(Locale.ROOT, "  curl '%s/api/v1/sales/categories?interval=1m'%n", rest);
    out.println();
    out.flush();
  }

  private static int port(LayeredConfig config, String service) {
    return config.getInt("hopper.platform." + service + ".port", 0, 0, 65535);
  }

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("hopper.platform.kafka.port", Integer.toString(EmbeddedPlatform.KAFKA_PORT));
    d.put("hopper.platform.registry.port", Integer.toString(EmbeddedPlatform.REGISTRY_PORT));
    d.put("hopper.platform.mongo.port", Integer.toString(EmbeddedPlatform.MONGO_PORT));
    d.put("hopper.platform.connect.port", Integer.toString(EmbeddedPlatform.CONNECT_PORT));
    return d;
  }

  private Map<String, String> flags() {
    Map<String, String> f = new LinkedHashMap<>();
    if (dataDir != null) {
      f.put("hopper.platform.data.dir", dataDir.toString());
    }
    putPort(f, "kafka", kafkaPort);
    putPort(f, "registry", registryPort);
    putPort(f, "mongo", mongoPort);
    putPort(f, "connect", connectPort);
    if (restPort != null) {
      f.put("hopper.rest.port", restPort.toString());
    }
    return f;
  }

  private static void putPort(Map<String, String> flags, String service, Integer port) {
    if (port != null) {
      flags.put("hopper.platform." + service + ".port", port.toString());
    }
  }

  private void printBanner(EmbeddedPlatform platform) {
    out.printf(
        Locale.ROOT,
        "%nHopper services are up (ready in %.1f s):%n",
        platform.startMillis() / 1000.0);
    out.printf(Locale.ROOT, "  Kafka            %s%n", platform.bootstrapServers());
    platform
        .schemaRegistryUrl()
        .ifPresent(url -> out.printf(Locale.ROOT, "  Schema Registry  %s%n", url));
    platform.connectUrl().ifPresent(url -> out.printf(Locale.ROOT, "  Kafka Connect    %s%n", url));
    platform.mongoUri().ifPresent(uri -> out.printf(Locale.ROOT, "  MongoDB          %s%n", uri));
    out.printf(Locale.ROOT, "Data in %s. Ctrl-C stops everything.%n%n", platform.dataDir());
    out.flush();
  }

  private static String oneLine(Throwable e) {
    if (e instanceof PortInUseException || e instanceof ConfigException) {
      return e.getMessage();
    }
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.toString() : t.getMessage();
    return message.replace('\n', ' ');
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"hopper-platform " + (v == null ? "(development build)" : v)};
    }
  }
}
