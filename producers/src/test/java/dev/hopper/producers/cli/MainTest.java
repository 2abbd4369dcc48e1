package dev.hopper.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.producers.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @CsvSource({"quotes", "orders", "generate"})
  void shouldPrintHelpForEveryCommand(String command) {
    Run run = run(command, "--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("Usage: hopper-producers " + command).contains("--config");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "generate --orders 0|--orders must be between 1 and 1000000000, was 0",
        "generate --bad-ratio 1.5|--bad-ratio must be between 0 and 1, was 1.5",
        "generate --late-ratio -0.1|--late-ratio must be between 0 and 1",
        "generate --bad-ratio 0.5 --late-ratio 0.5 --disorder-ratio 0.5|must not exceed 1",
        "generate --orders many|Invalid value for option '--orders': 'many' is not a long",
        "generate --start yesterday|--start must be an ISO-8601 instant",
        "generate --rate -3|--rate must be 0",
        "generate --colour red|Unknown options: '--colour', 'red'",
        "quotes --source nope|'nope' is not one of auto, live, replay, simulate",
        "quotes --speedup 0|--speedup must be a positive number",
        "quotes --source replay --record x.jsonl|--record only records live responses",
        "quotes --source live --file x.jsonl|--file is for --source replay, simulate or auto",
        "orders|Missing required option: '--csv=FILE'",
        "orders --csv x.csv --rate -1|--rate must be 0",
        "|a command is required"
      })
  void shouldRejectBadArgumentsWithOneLineAndExitCode2(String args, String reason) {
    Run run = run(args == null || args.isBlank() ? new String[0] : args.split(" "));

    assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run.err().strip()).doesNotContain("\n").contains(reason).endsWith("(see --help)");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void shouldWriteTheSameCsvForTheSameSeedAndStart() throws Exception {
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    String[] common = {
      "generate",
      "--orders",
      "300",
      "--seed",
      "9",
      "--bad-ratio",
      "0.1",
      "--start",
      "2024-05-01T10:00:00Z",
      "--csv-out"
    };

    Run first = run(concat(common, a.toString()));
    Run second = run(concat(common, b.toString()));

    assertThat(first.code()).isZero();
    assertThat(second.code()).isZero();
    assertThat(first.out()).contains("Wrote 300 order rows");
    assertThat(Files.readAllLines(a)).hasSize(301).isEqualTo(Files.readAllLines(b));
    assertThat(Files.readAllLines(a).get(0)).startsWith("User_ID,Product_ID,Category,Price (Rs.)");
  }

  @Test
  void shouldFailWithOneLineWhenKafkaIsUnreachable() {
    Run run =
        run(
            "generate",
            "--orders",
            "5",
            "-b",
            "127.0.0.1:1",
            "--set",
            "hopper.kafka.timeout.ms=1000");

    assertThat(run.code()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err().strip())
        .isEqualTo("hopper-producers generate: Cannot reach Kafka at 127.0.0.1:1 within 1000 ms");
  }

  @Test
  void shouldCheckTheCsvHeaderBeforeTouchingKafka() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "id,price\n1,2\n");

    Run run = run("orders", "--csv", csv.toString(), "-b", "127.0.0.1:1");

    assertThat(run.code()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err().strip())
        .startsWith("hopper-producers orders: bad.csv line 1: expected the header")
        .doesNotContain("\n");
  }

  @Test
  void shouldNameAMissingFile() {
    Run missingCsv = run("orders", "--csv", dir.resolve("nope.csv").toString());
    Run missingConfig = run("generate", "--config", dir.resolve("nope.properties").toString());
    Run missingRecording =
        run("quotes", "--source", "replay", "--file", dir.resolve("r.jsonl").toString());

    assertThat(missingCsv.code()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(missingCsv.err()).contains("file not found:").contains("nope.csv");
    assertThat(missingConfig.err()).contains("nope.properties").contains("does not exist");
    assertThat(missingRecording.err()).contains("file not found:").contains("r.jsonl");
  }

  @Test
  void shouldNameTheKeyOfAnInvalidConfigurationValue() throws Exception {
    Path props = dir.resolve("hopper.properties");
    Files.writeString(props, "hopper.topic.partitions=zero\n");

    Run run =
        run("generate", "--config", props.toString(), "--csv-out", dir.resolve("x.csv").toString());

    assertThat(run.code()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err()).contains("hopper.topic.partitions=zero").contains("must be an integer");
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
