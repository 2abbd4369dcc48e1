package dev.hopper.producers;

import dev.hopper.producers.cli.GenerateCommand;
import dev.hopper.producers.cli.OrdersCommand;
import dev.hopper.producers.cli.QuotesCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hopper-producers.jar}: how data enters Hopper. Subcommands {@code quotes} (CoinGecko),
 * {@code orders} (CSV replay) and {@code generate} (synthetic data). Bad arguments or an
 * unreachable Kafka end with a one-line reason and a non-zero exit code, never a stack trace.
 */
@Command(
    name = "hopper-producers",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 100,
    versionProvider = Main.Version.class,
    description = "Sends crypto quotes and e-commerce orders to Hopper's Kafka topics as Avro.",
    subcommands = {QuotesCommand.class, OrdersCommand.class, GenerateCommand.class},
    footer = {
      "",
      "Configuration: defaults, then --config FILE, then the environment",
      "(KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, COINGECKO_API_KEY, KAFKA_*, HOPPER_*),",
      "then flags. Run 'hopper-producers COMMAND --help' for a command's options."
    })
public final class Main implements Runnable {

  /** Exit code of a run that failed (Kafka unreachable, a record refused, a bad file). */
  public static final int EXIT_FAILURE = 1;

  /** Exit code of bad arguments. */
  public static final int EXIT_USAGE = 2;

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  Main(Map<String, String> env) {
    this.env = env;
  }

  /** The environment the configuration reads. */
  public Map<String, String> env() {
    return env;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required: quotes, orders or generate");
  }

  /** Entry point. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), out, err));
  }

  /** Runs a command line and returns its exit code (tests call this, not {@link #main}). */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr()
              .println(
                  c.getCommandSpec().qualifiedName()
                      + ": "
                      + oneLine(ex.getMessage())
                      + " (see --help)");
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + CliErrors.describe(ex));
          return EXIT_FAILURE;
        });
    return cli.execute(args);
  }

  private static String oneLine(String s) {
    return s == null ? "invalid arguments" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"hopper-producers " + (v == null ? "(development build)" : v)};
    }
  }
}
