package dev.hopper.producers.cli;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.kafka.KafkaClients;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command shares: where the configuration comes from and the connection flags.
 * Layers, lowest first: defaults in code, {@code --config FILE}, the environment ({@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code COINGECKO_API_KEY}, {@code
 * HOPPER_*}), then flags.
 */
public final class CommonOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file (Kafka client keys, hopper.*, coingecko.*).")
  Path configFile;

  @Option(
      names = {"-b", "--bootstrap-servers"},
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default " + KafkaClients.DEFAULT_BOOTSTRAP + ").")
  String bootstrapServers;

  @Option(
      names = {"-r", "--schema-registry-url"},
      paramLabel = "URL",
      description = "Schema Registry URL (default " + KafkaClients.DEFAULT_REGISTRY + ").")
  String schemaRegistryUrl;

  @Option(
      names = {"-s", "--set"},
      paramLabel = "KEY=VALUE",
      description = "Any configuration key, e.g. --set security.protocol=SASL_SSL (repeatable).")
  Map<String, String> set = new LinkedHashMap<>();

  /** The layered configuration with {@code commandFlags} (already keys) on top. */
  LayeredConfig config(Map<String, String> env, Map<String, String> commandFlags) {
    Map<String, String> flags = new LinkedHashMap<>(set);
    if (bootstrapServers != null) {
      flags.put("bootstrap.servers", bootstrapServers);
    }
    if (schemaRegistryUrl != null) {
      flags.put("schema.registry.url", schemaRegistryUrl);
    }
    flags.putAll(commandFlags);
    return LayeredConfig.builder()
        .defaults(KafkaClients.defaults())
        .file(configFile)
        .environment(env)
        .flags(flags)
        .build();
  }
}
