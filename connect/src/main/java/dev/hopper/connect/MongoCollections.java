package dev.hopper.connect;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.conversions.Bson;

/**
 * The MongoDB side of the sinks: database {@code hopper}, one collection per sink, and indexes for
 * the obvious queries (by coin and window start, by category and window start, by customer).
 * Idempotent: existing collections and indexes are left alone.
 */
public final class MongoCollections {

  /** The database every sink writes. */
  public static final String DATABASE = "hopper";

  /** Named index definitions per collection. */
  static final Map<String, Map<String, Bson>> INDEXES =
      Map.of(
          "candles",
          Map.of(
              "coin_interval_window",
              Indexes.compoundIndex(
                  Indexes.ascending("coinId", "vsCurrency", "interval"),
                  Indexes.descending("windowStart"))),
          "price_moves",
          Map.of(
              "coin_trigger",
              Indexes.compoundIndex(
                  Indexes.ascending("coinId", "vsCurrency"), Indexes.descending("triggerTime"))),
          "enriched_orders",
          Map.of(
              "customer_time",
              Indexes.compoundIndex(
                  Indexes.ascending("customerId"), Indexes.descending("orderTime")),
              "category_time",
              Indexes.compoundIndex(
                  Indexes.ascending("category"), Indexes.descending("orderTime"))),
          "category_sales",
          Map.of(
              "category_interval_window",
              Indexes.compoundIndex(
                  Indexes.ascending("category", "interval"), Indexes.descending("windowStart")),
              "interval_window",
              Indexes.compoundIndex(
                  Indexes.ascending("interval"), Indexes.descending("windowStart"))),
          "order_payments",
          Map.of(
              "status_time",
              Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("orderTime"))));

  private MongoCollections() {}

  /** Creates missing collections and indexes; returns the names of the indexes it created. */
  public static List<String> prepare(MongoClient client, List<String> collections) {
    MongoDatabase db = client.getDatabase(DATABASE);
    Set<String> existing = new HashSet<>();
    db.listCollectionNames().into(existing);
    List<String> created = new java.util.ArrayList<>();
    for (String collection : collections) {
      if (!existing.contains(collection)) {
        db.createCollection(collection);
      }
      Set<String> indexNames = new HashSet<>();
      db.getCollection(collection).listIndexes().forEach(i -> indexNames.add(i.getString("name")));
      for (Map.Entry<String, Bson> index : INDEXES.getOrDefault(collection, Map.of()).entrySet()) {
        if (!indexNames.contains(index.getKey())) {
          db.getCollection(collection)
              .createIndex(index.getValue(), new IndexOptions().name(index.getKey()));
          created.add(collection + "." + index.getKey());
        }
      }
    }
    return created;
  }
}
