package dev.hopper.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldPrintHelp() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(stdout()).contains("--config", "--describe", "--reset");
  }

  @Test
  void shouldDescribeTopologyWithoutKafka() {
    int code =
        run(
            Map.of("SCHEMA_REGISTRY_URL", "mock://main-test"),
            "--describe",
            "-D",
            "hopper.candles.intervals=2m");
    assertThat(code).isZero();
    assertThat(stdout()).contains("Sub-topology", "candles-2m", "sales-by-category-1m");
  }

  @Test
  void shouldRejectUnknownOptionInOneLine() {
    assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(stderr()).contains("--frobnicate");
  }

  @Test
  void shouldRejectBadConfigurationNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("streams.properties");
    Files.writeString(file, "processing.guarantee=maybe\n");
    assertThat(run(Map.of(), "--config", file.toString(), "--describe")).isEqualTo(2);
    assertThat(stderr().strip().lines()).hasSize(1);
    assertThat(stderr()).contains("processing.guarantee").doesNotContain("Exception");
  }

  @Test
  void shouldRejectMissingConfigFile(@TempDir Path dir) {
    assertThat(run(Map.of(), "--config", dir.resolve("nope.properties").toString())).isEqualTo(2);
    assertThat(stderr()).contains("does not exist");
  }

  @Test
  void shouldRecogniseOnlyTheAppsInternalTopics() {
    assertThat(
            ApplicationReset.isInternalTopic(
                "hopper-streams", "hopper-streams-candles-1m-changelog"))
        .isTrue();
    assertThat(
            ApplicationReset.isInternalTopic(
                "hopper-streams", "hopper-streams-orders-by-product-repartition"))
        .isTrue();
    assertThat(ApplicationReset.isInternalTopic("hopper-streams", "shop.orders")).isFalse();
    assertThat(ApplicationReset.isInternalTopic("hopper-streams", "hopper-streams2-x-changelog"))
        .isFalse();
  }
}
