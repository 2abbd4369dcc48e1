package dev.hopper.producers.quotes;

import dev.hopper.avro.CoinQuote;

/** The Kafka key of a quote, {@code coinId:vsCurrency} (SPEC), e.g. {@code bitcoin:usd}. */
public final class QuoteKeys {
  private QuoteKeys() {}

  /** The key of {@code quote}. */
  public static String key(CoinQuote quote) {
    return quote.getCoinId() + ":" + quote.getVsCurrency();
  }
}
