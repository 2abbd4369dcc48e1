package dev.hopper.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hopper.topics.HopperTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped sink connector configs ({@code connectors/hopper-sink-*.json}, in the jar and in
 * {@code connect/src/main/resources/connectors/}): one per output topic, each upserting documents
 * whose {@code _id} is the record key. The same files serve the embedded platform and Confluent
 * Platform; what differs is applied at deploy time by a {@link SinkOverlay}.
 */
public final class SinkConnectors {

  /** Which file configures which topic and collection. */
  public enum Sink {
    CANDLES("hopper-sink-candles", HopperTopic.CRYPTO_CANDLES, "candles"),
    PRICE_MOVES("hopper-sink-price-moves", HopperTopic.CRYPTO_PRICE_MOVES, "price_moves"),
    ENRICHED_ORDERS(
        "hopper-sink-enriched-orders", HopperTopic.SHOP_ORDERS_ENRICHED, "enriched_orders"),
    CATEGORY_SALES(
        "hopper-sink-category-sales", HopperTopic.SHOP_SALES_BY_CATEGORY, "category_sales"),
    ORDER_PAYMENTS(
        "hopper-sink-order-payments", HopperTopic.SHOP_ORDERS_PAYMENT_STATUS, "order_payments");

    private final String connectorName;
    private final HopperTopic topic;
    private final String collection;

    Sink(String connectorName, HopperTopic topic, String collection) {
      this.connectorName = connectorName;
      this.topic = topic;
      this.collection = collection;
    }

    /** The connector name, also the file name without {@code .json}. */
    public String connectorName() {
      return connectorName;
    }

    /** The topic the connector reads. */
    public HopperTopic topic() {
      return topic;
    }

    /** The MongoDB collection it writes. */
    public String collection() {
      return collection;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private SinkConnectors() {}

  /** The configs shipped in the jar. */
  public static List<SinkConnector> shipped() {
    List<SinkConnector> out = new ArrayList<>();
    for (Sink sink : Sink.values()) {
      String resource = "/connectors/" + sink.connectorName() + ".json";
      try (InputStream in = SinkConnectors.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("Connector config " + resource + " is not in the jar");
        }
        out.add(parse(sink, JSON.readTree(in), resource));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    return out;
  }

  /** The configs in a directory, one {@code <connector name>.json} per sink. */
  public static List<SinkConnector> fromDirectory(Path dir) {
    List<SinkConnector> out = new ArrayList<>();
    for (Sink sink : Sink.values()) {
      Path file = dir.resolve(sink.connectorName() + ".json");
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Connector config " + file + " is missing");
      }
      try {
        out.add(parse(sink, JSON.readTree(file.toFile()), file.toString()));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "Connector config " + file + " is not valid JSON: " + e.getMessage());
      }
    }
    return out;
  }

  private static SinkConnector parse(Sink sink, JsonNode root, String source) {
    JsonNode name = root.get("name");
    JsonNode config = root.get("config");
    if (name == null || !name.isTextual() || config == null || !config.isObject()) {
      throw new IllegalArgumentException(
          source + ": expected {\"name\": ..., \"config\": {...}} as Connect's REST API takes");
    }
    if (!name.asText().equals(sink.connectorName())) {
      throw new IllegalArgumentException(
          source + ": connector name " + name.asText() + " should be " + sink.connectorName());
    }
    Map<String, String> values =
        JSON.convertValue(config, new TypeReference<LinkedHashMap<String, String>>() {});
    return new SinkConnector(sink.connectorName(), sink.topic(), sink.collection(), values);
  }
}
