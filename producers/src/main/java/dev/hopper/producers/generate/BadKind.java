package dev.hopper.producers.generate;

import dev.hopper.topics.HopperTopic;
import java.util.Arrays;
import java.util.List;

/**
 * Every kind of invalid record the generator injects: one per rule of SPEC's validation gate, and
 * an undeserializable value (poison pill) per input topic. Each bad record breaks exactly one rule,
 * so counts per rule can be checked exactly.
 */
public enum BadKind {
  /** Order: a required field (customerId, productId or category) is blank. */
  ORDER_MISSING_FIELD(HopperTopic.SHOP_ORDERS, "orders: required fields present"),
  /** Order: unitPrice is 0 or negative. */
  ORDER_UNIT_PRICE_NOT_POSITIVE(HopperTopic.SHOP_ORDERS, "orders: unitPrice > 0"),
  /** Order: quantity is 0 or negative. */
  ORDER_QUANTITY_BELOW_ONE(HopperTopic.SHOP_ORDERS, "orders: quantity >= 1"),
  /** Order: discountPct below 0 or above 100. */
  ORDER_DISCOUNT_OUT_OF_RANGE(HopperTopic.SHOP_ORDERS, "orders: 0 <= discountPct <= 100"),
  /** Order: finalPrice differs from the formula by more than 0.01. */
  ORDER_FINAL_PRICE_MISMATCH(
      HopperTopic.SHOP_ORDERS,
      "orders: finalPrice = round(quantity x unitPrice x (1 - discountPct/100), 2) within 0.01"),
  /** Order: orderTime before 2000. */
  ORDER_TIME_TOO_OLD(HopperTopic.SHOP_ORDERS, "orders: orderTime plausible (not before 2000)"),
  /** Order: orderTime more than 5 minutes after the record's timestamp. */
  ORDER_TIME_IN_FUTURE(
      HopperTopic.SHOP_ORDERS, "orders: orderTime plausible (at most 5 min after ingestion)"),
  /** Order: paymentMethod is the UNKNOWN fallback symbol. */
  ORDER_UNKNOWN_PAYMENT_METHOD(HopperTopic.SHOP_ORDERS, "orders: known enums"),
  /** Order: bytes that are not a registry-framed Avro Order. */
  ORDER_POISON_PILL(HopperTopic.SHOP_ORDERS, "undeserializable record"),

  /** Payment: amount is 0 or negative. */
  PAYMENT_AMOUNT_NOT_POSITIVE(HopperTopic.SHOP_PAYMENTS, "payments: amount > 0"),
  /** Payment: status is the UNKNOWN fallback symbol. */
  PAYMENT_UNKNOWN_STATUS(HopperTopic.SHOP_PAYMENTS, "payments: known status"),
  /** Payment: method is the UNKNOWN fallback symbol. */
  PAYMENT_UNKNOWN_METHOD(HopperTopic.SHOP_PAYMENTS, "payments: known method"),
  /** Payment: paidAt before 2000. */
  PAYMENT_TIME_TOO_OLD(HopperTopic.SHOP_PAYMENTS, "payments: time plausible (not before 2000)"),
  /** Payment: paidAt more than 5 minutes after the record's timestamp. */
  PAYMENT_TIME_IN_FUTURE(
      HopperTopic.SHOP_PAYMENTS, "payments: time plausible (at most 5 min after ingestion)"),
  /** Payment: bytes that are not a registry-framed Avro Payment. */
  PAYMENT_POISON_PILL(HopperTopic.SHOP_PAYMENTS, "undeserializable record"),

  /** Quote: price present and 0 or negative. */
  QUOTE_PRICE_NOT_POSITIVE(HopperTopic.CRYPTO_QUOTES, "quotes: price > 0 when present"),
  /** Quote: lastUpdated before 2000. */
  QUOTE_TIME_TOO_OLD(HopperTopic.CRYPTO_QUOTES, "quotes: lastUpdated plausible (not before 2000)"),
  /** Quote: lastUpdated more than 5 minutes after the record's timestamp. */
  QUOTE_TIME_IN_FUTURE(
      HopperTopic.CRYPTO_QUOTES, "quotes: lastUpdated plausible (at most 5 min after ingestion)"),
  /** Quote: bytes that are not a registry-framed Avro CoinQuote. */
  QUOTE_POISON_PILL(HopperTopic.CRYPTO_QUOTES, "undeserializable record");

  private final HopperTopic topic;
  private final String specRule;

  BadKind(HopperTopic topic, String specRule) {
    this.topic = topic;
    this.specRule = specRule;
  }

  /** The input topic such a record is sent to. */
  public HopperTopic topic() {
    return topic;
  }

  /** The rule of SPEC's validation gate it breaks, in SPEC's words. */
  public String specRule() {
    return specRule;
  }

  /** Whether the value cannot be deserialized at all. */
  public boolean isPoisonPill() {
    return this == ORDER_POISON_PILL || this == PAYMENT_POISON_PILL || this == QUOTE_POISON_PILL;
  }

  /** The kinds injected into one topic, in the order the generator cycles through them. */
  public static List<BadKind> forTopic(HopperTopic topic) {
    return Arrays.stream(values()).filter(k -> k.topic == topic).toList();
  }
}
