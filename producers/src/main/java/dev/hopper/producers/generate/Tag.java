package dev.hopper.producers.generate;

/**
 * What the generator planned for a record beyond its label: the enrichment gaps and the payment
 * scenario of an order (also set on its payments). Informational, for checking that a fixture
 * covers every case; tests must still compute expected results from the records themselves.
 */
public enum Tag {
  /** The order names a product that is not in the catalog. */
  UNKNOWN_PRODUCT,
  /** The order names a customer that does not exist. */
  UNKNOWN_CUSTOMER,
  /** The order is placed before the first quote: no quote can value it. */
  BEFORE_FIRST_QUOTE,
  /** One AUTHORIZED or CAPTURED payment inside the 15-minute window. */
  PAID,
  /** A FAILED payment, then a CAPTURED one inside the window. */
  PAID_AFTER_FAILURE,
  /** AUTHORIZED then CAPTURED, both inside the window: the earliest counts. */
  PAID_TWICE,
  /**
   * Two CAPTURED payments at the same instant: the lowest paymentId counts (sent highest first).
   */
  PAID_TIE,
  /** Paid exactly at the order time (window start, inclusive). */
  PAID_AT_WINDOW_START,
  /** Paid exactly 15 minutes after the order (window end, inclusive). */
  PAID_AT_WINDOW_END,
  /** No payment at all. */
  UNPAID_NO_PAYMENT,
  /** Only FAILED payments. */
  UNPAID_FAILED,
  /** Only a REFUNDED payment. */
  UNPAID_REFUNDED,
  /** Paid, but after the 15-minute window. */
  UNPAID_PAID_AFTER_WINDOW,
  /** Paid inside the window, but the payment is sent far beyond grace (label LATE). */
  UNPAID_PAYMENT_LATE,
  /** A payment for an order id that never exists. */
  ORPHAN_PAYMENT
}
