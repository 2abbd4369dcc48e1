package dev.hopper.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

  private record Outcome(int status, String out, String err) {}

  private static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Outcome(status, out.toString(), err.toString());
  }

  @Test
  void shouldPrintTheMergedConfigsOnDryRun() {
    Outcome outcome =
        run(
            "deploy",
            "--dry-run",
            "--mongodb-uri",
            "mongodb://db:27017",
            "--schema-registry-url",
            "http://sr:8081",
            "--profile",
            "confluent");

    assertThat(outcome.status()).isZero();
    assertThat(outcome.out())
        .contains("\"name\" : \"hopper-sink-candles\"")
        .contains("\"connection.uri\" : \"mongodb://db:27017\"")
        .contains("\"value.converter\" : \"io.confluent.connect.avro.AvroConverter\"")
        .contains("\"value.converter.schema.registry.url\" : \"http://sr:8081\"");
  }

  @Test
  void shouldFailWithOneLineWhenConnectIsUnreachable() {
    Outcome outcome =
        run("deploy", "--skip-mongo", "--connect-url", "http://127.0.0.1:1", "--timeout", "5");

    assertThat(outcome.status()).isEqualTo(1);
    assertThat(outcome.err().strip())
        .isEqualTo("hopper-connect: Kafka Connect is not reachable at http://127.0.0.1:1");
  }

  @Test
  void shouldRejectUnknownOptionsAndMissingCommands() {
    Outcome unknown = run("deploy", "--frobnicate");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");

    Outcome missing = run();
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing command: deploy or status");
  }
}
