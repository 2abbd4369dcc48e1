package dev.hopper.topics;

/**
 * Every topic Hopper reads or writes, with its default name and role. Names, partition counts and
 * retention are configurable through {@link TopicCatalog}; code refers to topics by this enum,
 * never by string literals.
 */
public enum HopperTopic {
  CRYPTO_QUOTES("crypto.quotes", Role.INPUT),
  SHOP_PRODUCTS("shop.products", Role.TABLE),
  SHOP_CUSTOMERS("shop.customers", Role.TABLE),
  SHOP_ORDERS("shop.orders", Role.INPUT),
  SHOP_PAYMENTS("shop.payments", Role.INPUT),
  CRYPTO_CANDLES("crypto.candles", Role.OUTPUT),
  CRYPTO_PRICE_MOVES("crypto.price-moves", Role.OUTPUT),
  SHOP_ORDERS_ENRICHED("shop.orders.enriched", Role.OUTPUT),
  SHOP_SALES_BY_CATEGORY("shop.sales.by-category", Role.OUTPUT),
  SHOP_ORDERS_PAYMENT_STATUS("shop.orders.payment-status", Role.OUTPUT),
  REJECTED("hopper.rejected", Role.DEAD_LETTER);

  /** What a topic is for; decides its default cleanup policy. */
  public enum Role {
    /** An event stream fed by producers; kept by size. */
    INPUT,
    /** A changelog of entities keyed by id; compacted. */
    TABLE,
    /** Results of the streams app; kept by size. */
    OUTPUT,
    /** Records that failed validation or could not be read; kept by size. */
    DEAD_LETTER
  }

  private final String defaultName;
  private final Role role;

  HopperTopic(String defaultName, Role role) {
    this.defaultName = defaultName;
    this.role = role;
  }

  /** The name used unless configured otherwise. */
  public String defaultName() {
    return defaultName;
  }

  /** What the topic is for. */
  public Role role() {
    return role;
  }

  /**
   * The id in configuration keys: {@code hopper.topic.<id>.name}, {@code .partitions}, {@code
   * .replication.factor}, {@code .retention.bytes}. For {@code shop.orders.payment-status} it is
   * {@code shop.orders.payment.status}: dashes become dots so that every key maps from an
   * environment variable ({@code HOPPER_TOPIC_SHOP_ORDERS_PAYMENT_STATUS_PARTITIONS}).
   */
  public String configId() {
    return defaultName.replace('-', '.');
  }
}
