package dev.hopper.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hopper.config.LayeredConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar hopper-connect.jar}: deploys Hopper's MongoDB sink connectors. */
@Command(
    name = "hopper-connect",
    mixinStandardHelpOptions = true,
    description =
        "Deploys and inspects Hopper's MongoDB sink connectors on any Kafka Connect cluster.",
    subcommands = {Main.Deploy.class, Main.Status.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Entry point: exits with the command's status. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command; returns the exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("hopper-connect: " + e.getMessage());
          return 1;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: deploy or status");
  }

  /** Options every subcommand shares: where Connect is and the layered configuration. */
  static class Common {
    @Option(
        names = "--connect-url",
        paramLabel = "URL",
        description =
            "Kafka Connect REST URL (default http://localhost:8083; env HOPPER_CONNECT_URL).")
    String connectUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file.")
    Path configFile;

    LayeredConfig config(Map<String, String> flags) {
      Map<String, String> f = new LinkedHashMap<>(flags);
      if (connectUrl != null) {
        f.put("hopper.connect.url", connectUrl);
      }
      return LayeredConfig.builder()
          .defaults(Map.of("hopper.connect.url", "http://localhost:8083"))
          .file(configFile)
          .environment(System.getenv())
          .flags(f)
          .build();
    }
  }

  /** Validates, creates or updates the sink connectors and prepares MongoDB. */
  @Command(
      name = "deploy",
      mixinStandardHelpOptions = true,
      description = {
        "Validates each sink config through Connect, creates or updates the connectors,",
        "waits until their tasks are RUNNING, and creates MongoDB collections and indexes."
      })
  static final class Deploy extends Common implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--mongodb-uri",
        paramLabel = "URI",
        description = "MongoDB URI for the sinks and for indexes (env MONGODB_URI).")
    String mongoUri;

    @Option(
        names = "--schema-registry-url",
        paramLabel = "URL",
        description = "Schema registry URL the converter uses (env SCHEMA_REGISTRY_URL).")
    String registryUrl;

    @Option(
        names = "--profile",
        paramLabel = "NAME",
        description = "embedded (Hopper's converter) or confluent (Confluent's AvroConverter).")
    String profile;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Read hopper-sink-*.json from DIR instead of the jar.")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Wait at most this long.")
    int timeoutSeconds = 120;

    @Option(
        names = "--skip-mongo",
        description = "Do not create MongoDB collections and indexes from this host.")
    boolean skipMongo;

    @Option(names = "--dry-run", description = "Print the configs that would be applied, and stop.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
      Map<String, String> flags = new LinkedHashMap<>();
      if (mongoUri != null) {
        flags.put("mongodb.uri", mongoUri);
      }
      if (registryUrl != null) {
        flags.put("schema.registry.url", registryUrl);
      }
      if (profile != null) {
        flags.put("hopper.connect.profile", profile);
      }
      LayeredConfig config = config(flags);
      List<SinkConnector> connectors =
          (dir == null ? SinkConnectors.shipped() : SinkConnectors.fromDirectory(dir))
              .stream().map(SinkOverlay.from(config)::apply).toList();
      PrintWriter out = spec.commandLine().getOut();
      if (dryRun) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        for (SinkConnector c : connectors) {
          out.println(json.writeValueAsString(Map.of("name", c.name(), "config", c.config())));
        }
        return 0;
      }
      String connectUrl = config.require("hopper.connect.url");
      SinkDeployer deployer =
          new SinkDeployer(
              new ConnectRestClient(connectUrl),
              skipMongo ? null : config.find("mongodb.uri").orElse(null),
              Duration.ofSeconds(timeoutSeconds));
      SinkDeployer.Result result = deployer.deploy(connectors);
      result.actions().forEach((name, action) -> out.println(name + ": " + action + ", RUNNING"));
      if (!result.indexesCreated().isEmpty()) {
        out.println("MongoDB indexes created: " + String.join(", ", result.indexesCreated()));
      }
      return 0;
    }
  }

  /** Prints every sink connector's state and its tasks'. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Shows connector states.")
  static final class Status extends Common implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      ConnectRestClient client =
          new ConnectRestClient(config(Map.of()).require("hopper.connect.url"));
      PrintWriter out = spec.commandLine().getOut();
      int failed = 0;
      for (String name : client.connectors()) {
        ConnectRestClient.Status status = client.status(name);
        if (status == null) {
          continue;
        }
        StringBuilder line = new StringBuilder(name).append(": ").append(status.connectorState());
        status
            .tasks()
            .forEach(t -> line.append(", task ").append(t.id()).append(' ').append(t.state()));
        out.println(line);
        failed += status.failed() ? 1 : 0;
      }
      return failed == 0 ? 0 : 2;
    }
  }
}
