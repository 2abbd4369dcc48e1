package dev.hopper.streams.topology.validation;

/**
 * The named data-quality rules of the validation gate (SPEC "Validation gate"). The names are what
 * {@code RejectedRecord.rules} carries and what the counters are keyed by.
 */
public enum Rule {
  /** The value could not be read at all (poison pill, or no value). */
  DESERIALIZATION,
  /** A required field (or the record key) is missing or blank. */
  REQUIRED_FIELDS,
  /** The record key does not match the payload (orderId, or coinId:vsCurrency for quotes). */
  KEY_MISMATCH,
  /** Order unitPrice must be > 0. */
  UNIT_PRICE_POSITIVE,
  /** Order quantity must be >= 1. */
  QUANTITY_AT_LEAST_ONE,
  /** Order discountPct must be within [0, 100]. */
  DISCOUNT_RANGE,
  /** Order finalPrice must equal round(quantity x unitPrice x (1 - discountPct/100), 2) +- 0.01. */
  FINAL_PRICE_CONSISTENT,
  /** Payment method, payment status and order payment method must be known symbols. */
  KNOWN_ENUMS,
  /** Payment amount must be > 0. */
  AMOUNT_POSITIVE,
  /** Quote price must be > 0 when present. */
  PRICE_POSITIVE,
  /** Event time must be after 2000 and at most the allowed skew after the ingestion time. */
  EVENT_TIME_PLAUSIBLE
}
