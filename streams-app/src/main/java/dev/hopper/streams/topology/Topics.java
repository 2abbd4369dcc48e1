package dev.hopper.streams.topology;

import dev.hopper.avro.Candle;
import dev.hopper.avro.CategorySales;
import dev.hopper.avro.Customer;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.PriceMove;
import dev.hopper.avro.Product;
import dev.hopper.avro.RejectedRecord;
import dev.hopper.topics.HopperTopic;
import dev.hopper.topics.TopicCatalog;

/**
 * The typed topics of the topology, resolved from the {@link TopicCatalog}. The three event inputs
 * are read as raw bytes: the validation gate deserializes them itself so that poison pills become
 * dead letters instead of stopping the application.
 */
public record Topics(
    Topic<String, byte[]> quotes,
    Topic<String, Product> products,
    Topic<String, Customer> customers,
    Topic<String, byte[]> orders,
    Topic<String, byte[]> payments,
    Topic<String, Candle> candles,
    Topic<String, PriceMove> priceMoves,
    Topic<String, EnrichedOrder> enrichedOrders,
    Topic<String, CategorySales> salesByCategory,
    Topic<String, OrderPayment> paymentStatus,
    Topic<String, RejectedRecord> rejected) {

  /** Resolves every topic name from {@code catalog} and pairs it with its serdes. */
  public static Topics from(TopicCatalog catalog, HopperSerdes serdes) {
    return new Topics(
        new Topic<>(catalog.name(HopperTopic.CRYPTO_QUOTES), serdes.key(), serdes.raw()),
        new Topic<>(catalog.name(HopperTopic.SHOP_PRODUCTS), serdes.key(), serdes.product()),
        new Topic<>(catalog.name(HopperTopic.SHOP_CUSTOMERS), serdes.key(), serdes.customer()),
        new Topic<>(catalog.name(HopperTopic.SHOP_ORDERS), serdes.key(), serdes.raw()),
        new Topic<>(catalog.name(HopperTopic.SHOP_PAYMENTS), serdes.key(), serdes.raw()),
        new Topic<>(catalog.name(HopperTopic.CRYPTO_CANDLES), serdes.key(), serdes.candle()),
        new Topic<>(catalog.name(HopperTopic.CRYPTO_PRICE_MOVES), serdes.key(), serdes.priceMove()),
        new Topic<>(
            catalog.name(HopperTopic.SHOP_ORDERS_ENRICHED), serdes.key(), serdes.enrichedOrder()),
        new Topic<>(
            catalog.name(HopperTopic.SHOP_SALES_BY_CATEGORY), serdes.key(), serdes.categorySales()),
        new Topic<>(
            catalog.name(HopperTopic.SHOP_ORDERS_PAYMENT_STATUS),
            serdes.key(),
            serdes.orderPayment()),
        new Topic<>(catalog.name(HopperTopic.REJECTED), serdes.key(), serdes.rejected()));
  }
}
