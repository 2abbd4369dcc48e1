package dev.hopper.streams.topology.orders;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Values an order amount with bitcoin quotes. INR to USD is {@code btc_usd / btc_inr}; the bitcoin
 * amount is {@code amount / btc_<currency>}. Quote prices are doubles (the feed's format); the
 * arithmetic is decimal, rounded HALF_EVEN to 2 (fiat) and 8 (BTC) decimals.
 */
public final class Valuation {
  private Valuation() {}

  /** {@code amount} in USD, given bitcoin's price in USD and in the amount's currency. */
  public static BigDecimal toUsd(BigDecimal amount, double btcUsd, double btcLocal) {
    return amount
        .multiply(BigDecimal.valueOf(btcUsd))
        .divide(BigDecimal.valueOf(btcLocal), MathContext.DECIMAL128)
        .setScale(2, RoundingMode.HALF_EVEN);
  }

  /** {@code amount} in BTC, given bitcoin's price in the amount's currency. */
  public static BigDecimal toBtc(BigDecimal amount, double btcLocal) {
    return amount
        .divide(BigDecimal.valueOf(btcLocal), MathContext.DECIMAL128)
        .setScale(8, RoundingMode.HALF_EVEN);
  }
}
