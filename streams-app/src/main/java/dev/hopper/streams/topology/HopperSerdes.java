package dev.hopper.streams.topology;

import dev.hopper.avro.Candle;
import dev.hopper.avro.CategorySales;
import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Customer;
import dev.hopper.avro.CustomerStats;
import dev.hopper.avro.EnrichedOrder;
import dev.hopper.avro.Order;
import dev.hopper.avro.OrderPayment;
import dev.hopper.avro.Payment;
import dev.hopper.avro.PriceMove;
import dev.hopper.avro.Product;
import dev.hopper.avro.RejectedRecord;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every serde the topology uses, created once per application instance (never static). Keys are
 * plain UTF-8 strings everywhere, as SPEC requires; values are Avro through the registry.
 */
public final class HopperSerdes {
  private final Serde<String> key = Serdes.String();
  private final Serde<byte[]> raw = Serdes.ByteArray();
  private final Serde<CoinQuote> quote;
  private final Serde<Product> product;
  private final Serde<Customer> customer;
  private final Serde<Order> order;
  private final Serde<Payment> payment;
  private final Serde<Candle> candle;
  private final Serde<PriceMove> priceMove;
  private final Serde<EnrichedOrder> enrichedOrder;
  private final Serde<CategorySales> categorySales;
  private final Serde<OrderPayment> orderPayment;
  private final Serde<CustomerStats> customerStats;
  private final Serde<RejectedRecord> rejected;

  /** Creates every value serde through {@code factory}. */
  public HopperSerdes(AvroSerdeFactory factory) {
    Objects.requireNonNull(factory, "factory");
    this.quote = factory.valueSerde(CoinQuote.class);
    this.product = factory.valueSerde(Product.class);
    this.customer = factory.valueSerde(Customer.class);
    this.order = factory.valueSerde(Order.class);
    this.payment = factory.valueSerde(Payment.class);
    this.candle = factory.valueSerde(Candle.class);
    this.priceMove = factory.valueSerde(PriceMove.class);
    this.enrichedOrder = factory.valueSerde(EnrichedOrder.class);
    this.categorySales = factory.valueSerde(CategorySales.class);
    this.orderPayment = factory.valueSerde(OrderPayment.class);
    this.customerStats = factory.valueSerde(CustomerStats.class);
    this.rejected = factory.valueSerde(RejectedRecord.class);
  }

  /** Keys: UTF-8 strings. */
  public Serde<String> key() {
    return key;
  }

  /** Raw values, read by the validation gate before it deserializes them itself. */
  public Serde<byte[]> raw() {
    return raw;
  }

  /** {@link CoinQuote} values. */
  public Serde<CoinQuote> quote() {
    return quote;
  }

  /** {@link Product} values. */
  public Serde<Product> product() {
    return product;
  }

  /** {@link Customer} values. */
  public Serde<Customer> customer() {
    return customer;
  }

  /** {@link Order} values. */
  public Serde<Order> order() {
    return order;
  }

  /** {@link Payment} values. */
  public Serde<Payment> payment() {
    return payment;
  }

  /** {@link Candle} values. */
  public Serde<Candle> candle() {
    return candle;
  }

  /** {@link PriceMove} values. */
  public Serde<PriceMove> priceMove() {
    return priceMove;
  }

  /** {@link EnrichedOrder} values. */
  public Serde<EnrichedOrder> enrichedOrder() {
    return enrichedOrder;
  }

  /** {@link CategorySales} values. */
  public Serde<CategorySales> categorySales() {
    return categorySales;
  }

  /** {@link OrderPayment} values. */
  public Serde<OrderPayment> orderPayment() {
    return orderPayment;
  }

  /** {@link CustomerStats} values. */
  public Serde<CustomerStats> customerStats() {
    return customerStats;
  }

  /** {@link RejectedRecord} values. */
  public Serde<RejectedRecord> rejected() {
    return rejected;
  }
}
