package dev.hopper.platform.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shell scripts of {@code docker/scripts/} with bash against local stand-ins: the HTTP
 * probe every healthcheck uses, the streams entrypoint that gives each replica its own
 * application.server, and the job that seeds Control Center's shared configuration.
 */
class DockerScriptsTest {

  private final DockerStack stack = DockerStack.load();
  private HttpServer server;

  @TempDir Path tmp;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/health/ready", exchange -> respond(exchange, 200, "ok"));
    server.createContext("/rebalancing", exchange -> respond(exchange, 503, "later"));
    server.createContext("/created", exchange -> respond(exchange, 201, ""));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void shouldReportHealthyOnlyForA2xxAnswer() throws Exception {
    int port = server.getAddress().getPort();
    assertThat(probe("127.0.0.1", port, "/health/ready").exit()).isZero();
    assertThat(probe("127.0.0.1", port, "/created").exit()).isZero();
    Result unavailable = probe("127.0.0.1", port, "/rebalancing");
    assertThat(unavailable.exit()).isEqualTo(1);
    assertThat(unavailable.err()).contains("503");
    assertThat(probe("127.0.0.1", port, "/missing").exit()).isEqualTo(1);
  }

  @Test
  void shouldReportUnhealthyWhenNothingListens() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Result result = probe("127.0.0.1", closed, "/");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("cannot connect");
  }

  @Test
  void shouldExplainItsUsageWithoutArguments() throws Exception {
    Result result = run(List.of("bash", script("http-probe.sh").toString()), Map.of());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("usage: http-probe.sh HOST PORT [PATH]");
  }

  @Test
  void shouldAdvertiseEachReplicasOwnHostname() throws Exception {
    Path bin = fakeJava();
    Result result =
        run(
            List.of(
                "bash",
                script("streams-entrypoint.sh").toString(),
                "--config",
                "/etc/h.properties"),
            Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "HOSTNAME",
                "3f9a2c1b7d4e",
                "HOPPER_REST_PORT",
                "7071"));
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("HOPPER_APPLICATION_SERVER=3f9a2c1b7d4e:7071")
        .contains("ARGS=-jar /opt/hopper/hopper-streams.jar --config /etc/h.properties");
  }

  @Test
  void shouldKeepAnExplicitApplicationServerAndRejectAnUnknownMode() throws Exception {
    Path bin = fakeJava();
    Result explicit =
        run(
            List.of("bash", script("streams-entrypoint.sh").toString()),
            Map.of("PATH", bin + ":/usr/bin:/bin", "HOPPER_APPLICATION_SERVER", "streams-a:7070"));
    assertThat(explicit.out()).contains("HOPPER_APPLICATION_SERVER=streams-a:7070");

    Result bad =
        run(
            List.of("bash", script("streams-entrypoint.sh").toString()),
            Map.of("PATH", bin + ":/usr/bin:/bin", "HOPPER_ADVERTISE", "dns"));
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("HOPPER_ADVERTISE must be hostname or ip");
  }

  @Test
  void shouldSeedControlCenterConfigOnceAndKeepWhatControlCenterWrote() throws Exception {
    Path config = tmp.resolve("c3-config");
    Map<String, String> env =
        Map.of(
            "C3_CONFIG_DIR",
            config.toString(),
            "C3_SEED_DIR",
            stack.dockerDir().resolve("control-center").toString());
    List<String> command = List.of("bash", script("c3-config-init.sh").toString());

    Result first = run(command, env);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(config.resolve("prometheus-generated.yml"))
        .hasSameTextualContentAs(
            stack.dockerDir().resolve("control-center/prometheus-generated.yml"));
    assertThat(config.resolve("alertmanager-generated.yml")).isRegularFile();
    assertThat(config.resolve("trigger_rules-generated.yml")).isRegularFile();
    assertThat(config.resolve("recording_rules-generated.yml")).isRegularFile();
    assertThat(config.resolve("web-config-prom.yml")).isEmptyFile();
    assertThat(config.resolve("web-config-am.yml")).isEmptyFile();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(config.resolve("trigger_rules-generated.yml"))))
        .isEqualTo("rw-rw-rw-");

    String edited = "groups:\n  - name: written-by-control-center\n    rules: []\n";
    Files.writeString(config.resolve("trigger_rules-generated.yml"), edited);
    Result second = run(command, env);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out()).contains("keeping trigger_rules-generated.yml");
    assertThat(Files.readString(config.resolve("trigger_rules-generated.yml"))).isEqualTo(edited);
  }

  private Path script(String name) {
    return stack.dockerDir().resolve("scripts").resolve(name);
  }

  /** A stand-in for java that prints what it was started with. */
  private Path fakeJava() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/usr/bin/env bash\necho \"HOPPER_APPLICATION_SERVER=${HOPPER_APPLICATION_SERVER}\"\necho \"ARGS=$*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private Result probe(String host, int port, String path) throws Exception {
    return run(
        List.of("bash", script("http-probe.sh").toString(), host, Integer.toString(port), path),
        Map.of());
  }

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
    pb.environment().remove("HOPPER_APPLICATION_SERVER");
    pb.environment().remove("HOPPER_ADVERTISE");
    pb.environment().putAll(env);
    Path out = Files.createTempFile("script", ".out");
    Path err = Files.createTempFile("script", ".err");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process process = pb.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private record Result(int exit, String out, String err) {}
}
