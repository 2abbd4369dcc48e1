package dev.hopper.platform.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.generate.GeneratedData;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.producers.kafka.RecordPublisher;
import dev.hopper.streams.config.RegistrySerdeFactory;
import dev.hopper.streams.config.StreamsSettings;
import dev.hopper.streams.rest.QueryableApp;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import dev.hopper.topics.TopicCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Instances of the streams app with their REST layer on the shared embedded platform, for the REST
 * integration tests: topics under a private prefix, the producers' generator to feed them, and a
 * small HTTP client.
 */
final class RestCluster {
  static final ObjectMapper JSON = new ObjectMapper();

  final String bootstrap;
  final String registryUrl;
  final String applicationId;
  final int partitions;
  final Map<String, String> topicFlags = new LinkedHashMap<>();
  final TopicCatalog catalog;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RestCluster(String bootstrap, String registryUrl, String prefix, int partitions) {
    this.bootstrap = bootstrap;
    this.registryUrl = registryUrl;
    this.applicationId = prefix + "app";
    this.partitions = partitions;
    for (HopperTopic t : HopperTopic.values()) {
      topicFlags.put("hopper.topic." + t.configId() + ".name", prefix + t.defaultName());
    }
    topicFlags.put("hopper.topic.partitions", Integer.toString(partitions));
    this.catalog = TopicCatalog.from(LayeredConfig.builder().flags(topicFlags).build());
  }

  void createTopics() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      TopicAdmin.ensureTopics(admin, catalog.all());
    }
  }

  /** Sends the generated records with the producers' own publisher (keys, timestamps, Avro). */
  void produce(GeneratedData data) {
    Map<String, String> flags = new LinkedHashMap<>(topicFlags);
    flags.put("bootstrap.servers", bootstrap);
    flags.put("schema.registry.url", registryUrl);
    try (HopperProducer producer =
        HopperProducer.create(LayeredConfig.builder().flags(flags).build(), "rest-it")) {
      RecordPublisher.publish(data.records(), producer);
    }
  }

  /** An instance with its own state directory and a free REST port; not started. */
  QueryableApp instance(Path stateDir, Map<String, String> extra) {
    Map<String, String> flags = new LinkedHashMap<>(topicFlags);
    flags.put("bootstrap.servers", bootstrap);
    flags.put("schema.registry.url", registryUrl);
    flags.put("application.id", applicationId);
    flags.put("state.dir", stateDir.toString());
    flags.put("num.stream.threads", "1");
    flags.put("num.standby.replicas", "0");
    flags.put("commit.interval.ms", "100");
    flags.put("statestore.cache.max.bytes", Long.toString(1L << 20));
    flags.put("session.timeout.ms", "10000");
    flags.put("heartbeat.interval.ms", "1000");
    flags.put("hopper.rocksdb.memory.mb", "32");
    flags.put("hopper.quotes.max.wait", "30s");
    flags.put("hopper.rest.port", "0");
    flags.put("hopper.rest.forward.timeout", "3s");
    flags.put("hopper.rest.retry.after", "1s");
    flags.putAll(extra);
    StreamsSettings settings =
        StreamsSettings.from(
                LayeredConfig.builder().defaults(StreamsSettings.defaults()).flags(flags).build())
            .withPartitions(partitions, partitions);
    return QueryableApp.create(settings, new RegistrySerdeFactory(settings.streamsProperties()));
  }

  /** GETs {@code pathAndQuery} (already encoded) from an instance. */
  HttpResponse<String> get(QueryableApp instance, String pathAndQuery) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(instance.url() + pathAndQuery))
              .timeout(Duration.ofSeconds(20))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
    }
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
