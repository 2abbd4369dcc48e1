package dev.hopper.platform.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.hopper.config.LayeredConfig;
import dev.hopper.connect.ConnectRestClient;
import dev.hopper.connect.SinkConnector;
import dev.hopper.connect.SinkConnectors;
import dev.hopper.connect.SinkDeployer;
import dev.hopper.connect.SinkOverlay;
import dev.hopper.platform.bench.WorkloadResult.Better;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;

/**
 * The sink workload: Hopper's shipped {@code enriched_orders} connector, deployed through the
 * Connect worker's REST API with the embedded overlay, writes a fixed number of enriched orders
 * (copied, bytes as they are, from a full drain's output into a topic of their own) into MongoDB.
 * Measured: documents per second from the first document to the last, and the exact document count
 * (upserts on {@code _id}: one document per order).
 */
final class Sink {
  private final BenchSession session;
  private final Workloads workloads;
  private final BenchOptions options;
  private final Console console;

  Sink(BenchSession session, Workloads workloads) {
    this.session = session;
    this.workloads = workloads;
    this.options = session.options();
    this.console = session.console();
  }

  /** One run, from the enriched orders of a finished full drain on {@code source}'s topics. */
  void run(int run, BenchTopics source) {
    WorkloadResult r =
        workloads
            .result(
                Workloads.SINK,
                "Hopper's shipped MongoDB sink connector for enriched orders, through the"
                    + " embedded Connect worker into the embedded MongoDB (mongo-java-server,"
                    + " in memory): documents per second.")
            .setting("documents", options.sinkDocuments());
    workloads.attempt(
        r,
        run,
        () -> {
          String prefix = "sink-" + run + ".";
          BenchTopics topics = new BenchTopics(Drains.INPUT_PREFIX, prefix, options.partitions());
          String topic = topics.name(HopperTopic.SHOP_ORDERS_ENRICHED);
          TopicAdmin.ensureTopics(
              session.admin(), List.of(topics.catalog().spec(HopperTopic.SHOP_ORDERS_ENRICHED)));
          TopicAdmin.awaitReady(session.admin(), List.of(topic), Duration.ofSeconds(60));
          long docs = copy(source.name(HopperTopic.SHOP_ORDERS_ENRICHED), topic);
          String database = "bench_sink_" + run;
          String connectUrl = session.platform().connectUrl().orElseThrow();
          String mongoUri = session.platform().mongoUri().orElseThrow();
          Map<String, String> flags = new LinkedHashMap<>(topics.flags());
          flags.putAll(session.platform().clientConfig());
          flags.put("hopper.connect.name.prefix", "bench-" + prefix);
          flags.put("hopper.connect.set.database", database);
          SinkOverlay overlay = SinkOverlay.from(LayeredConfig.builder().flags(flags).build());
          SinkConnector connector =
              SinkConnectors.shipped().stream()
                  .filter(c -> c.topic() == HopperTopic.SHOP_ORDERS_ENRICHED)
                  .map(overlay::apply)
                  .findFirst()
                  .orElseThrow();
          try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoCollection<Document> collection =
                mongo.getDatabase(database).getCollection(connector.collection());
            new SinkDeployer(new ConnectRestClient(connectUrl), null, Duration.ofMinutes(2))
                .deploy(List.of(connector));
            long deadline = System.nanoTime() + Duration.ofSeconds(120 + docs / 500).toNanos();
            long firstAt = -1;
            long firstCount = 0;
            long lastReport = System.nanoTime();
            long count = 0;
            while (count < docs) {
              if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                    "MongoDB holds " + count + " of " + docs + " documents after the deadline");
              }
              BenchSession.pause(Duration.ofMillis(200));
              count = collection.estimatedDocumentCount();
              long now = System.nanoTime();
              if (firstAt < 0 && count > 0) {
                firstAt = now;
                firstCount = count;
              }
              if (now - lastReport > 5_000_000_000L) {
                lastReport = now;
                console.line(
                    "  sink run %d: %s/%s documents",
                    run, Console.count(count), Console.count(docs));
              }
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            double rate = (docs - firstCount) / seconds;
            r.add("documents per second", "docs/s", Better.HIGHER, rate);
            r.check("documents in MongoDB", run, docs, collection.countDocuments());
            console.line("sink run %d: %s documents/s", run, Console.number(rate));
            delete(connectUrl, connector.name());
            mongo.getDatabase(database).drop();
          } catch (IOException e) {
            throw new IllegalStateException("Connect: " + e.getMessage(), e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
          }
          session.deleteTopics(List.of(prefix));
        });
  }

  /** Copies up to {@code sinkDocuments} committed records from {@code from} to {@code to}. */
  private long copy(String from, String to) {
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, session.bootstrap());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, session.bootstrap());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024));
    long wanted = options.sinkDocuments();
    long copied = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer.partitionsFor(from).forEach(i -> parts.add(new TopicPartition(from, i.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (copied < wanted && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
          if (copied < wanted) {
            producer.send(new ProducerRecord<>(to, rec.key(), rec.value()));
            copied++;
          }
        }
      }
      producer.flush();
    }
    if (copied < wanted) {
      throw new IllegalStateException(
          "only " + copied + " enriched orders to sink; lower --sink-docs or raise --orders");
    }
    return copied;
  }

  private static void delete(String connectUrl, String name) {
    try {
      HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(connectUrl + "/connectors/" + name))
                  .DELETE()
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      // the connector stays; the platform is stopped at the end anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
