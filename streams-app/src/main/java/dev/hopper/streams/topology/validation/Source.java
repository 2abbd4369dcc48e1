package dev.hopper.streams.topology.validation;

/** The event inputs that pass through the validation gate. */
public enum Source {
  /** {@code shop.orders}. */
  ORDERS,
  /** {@code shop.payments}. */
  PAYMENTS,
  /** {@code crypto.quotes}. */
  QUOTES
}
