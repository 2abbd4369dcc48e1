package dev.hopper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredConfigTest {

  @Test
  void shouldLetEachLayerOverrideTheOneBelow(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hopper.properties");
    Files.writeString(
        file, "hopper.rest.port=7000\nbootstrap.servers=file:9092\nhopper.only.file=f\n");

    LayeredConfig config =
        LayeredConfig.builder()
            .defaults(
                Map.of(
                    "hopper.rest.port", "7070",
                    "bootstrap.servers", "localhost:9092",
                    "hopper.only.default", "d"))
            .file(file)
            .environment(Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "HOPPER_REST_PORT", "7100"))
            .flags(Map.of("hopper.rest.port", "7200"))
            .build();

    assertThat(config.get("hopper.rest.port", null)).isEqualTo("7200");
    assertThat(config.origin("hopper.rest.port")).contains("flag");
    assertThat(config.get("bootstrap.servers", null)).isEqualTo("env:9092");
    assertThat(config.origin("bootstrap.servers")).contains("env:KAFKA_BOOTSTRAP_SERVERS");
    assertThat(config.get("hopper.only.file", null)).isEqualTo("f");
    assertThat(config.get("hopper.only.default", null)).isEqualTo("d");
  }

  @Test
  void shouldMapEnvironmentNamesTheWayConfluentImagesDo() {
    assertThat(LayeredConfig.keyForEnv("KAFKA_BOOTSTRAP_SERVERS")).contains("bootstrap.servers");
    assertThat(LayeredConfig.keyForEnv("KAFKA_SASL_JAAS_CONFIG")).contains("sasl.jaas.config");
    assertThat(LayeredConfig.keyForEnv("KAFKA_SOME__UNDERSCORED")).contains("some_underscored");
    assertThat(LayeredConfig.keyForEnv("SCHEMA_REGISTRY_URL")).contains("schema.registry.url");
    assertThat(LayeredConfig.keyForEnv("MONGODB_URI")).contains("mongodb.uri");
    assertThat(LayeredConfig.keyForEnv("COINGECKO_API_KEY")).contains("coingecko.api.key");
    assertThat(LayeredConfig.keyForEnv("HOPPER_REST_PORT")).contains("hopper.rest.port");
    assertThat(LayeredConfig.keyForEnv("KAFKA_OPTS")).isEmpty();
    assertThat(LayeredConfig.keyForEnv("PATH")).isEmpty();
  }

  @Test
  void shouldPassUnknownKafkaKeysThroughButKeepHopperKeysOut() {
    LayeredConfig config =
        LayeredConfig.builder()
            .flags(
                Map.of(
                    "security.protocol", "SASL_SSL",
                    "sasl.mechanism", "PLAIN",
                    "schema.registry.url", "http://sr:8081",
                    "hopper.rest.port", "7070",
                    "mongodb.uri", "mongodb://m",
                    "coingecko.api.key", "k"))
            .build();

    assertThat(config.kafkaProperties())
        .containsOnlyKeys("security.protocol", "sasl.mechanism", "schema.registry.url");
  }

  @Test
  void shouldNameTheKeyAndAcceptedValuesWhenAValueIsInvalid() {
    LayeredConfig config =
        LayeredConfig.builder()
            .flags(Map.of("hopper.rest.port", "seventy", "hopper.flag", "yes", "hopper.n", "0"))
            .build();

    assertThatThrownBy(() -> config.getInt("hopper.rest.port", 7070, 1, 65535))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Configuration hopper.rest.port=seventy must be an integer between 1 and 65535");
    assertThatThrownBy(() -> config.getBoolean("hopper.flag", false))
        .hasMessage("Configuration hopper.flag=yes must be true or false");
    assertThatThrownBy(() -> config.getLong("hopper.n", 1, 1, 10))
        .hasMessage("Configuration hopper.n=0 must be between 1 and 10");
    assertThatThrownBy(() -> config.require("hopper.missing"))
        .hasMessage("Configuration hopper.missing is required but not set");
  }

  @Test
  void shouldFailClearlyOnAMissingConfigFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> LayeredConfig.builder().file(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--config=" + missing)
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldHideSecretsWhenPrinted() {
    LayeredConfig config =
        LayeredConfig.builder()
            .flags(
                Map.of(
                    "coingecko.api.key", "CG-secret",
                    "sasl.jaas.config", "user=x password=y",
                    "mongodb.uri", "mongodb://u:p@h",
                    "bootstrap.servers", "b:9092"))
            .build();

    assertThat(config.toString())
        .doesNotContain("CG-secret", "password=y", "u:p@h")
        .contains("bootstrap.servers=b:9092");
    assertThatThrownBy(() -> config.getInt("coingecko.api.key", 0, 0, 1))
        .hasMessageNotContaining("CG-secret");
  }
}
