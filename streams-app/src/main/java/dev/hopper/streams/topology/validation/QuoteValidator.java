package dev.hopper.streams.topology.validation;

import dev.hopper.avro.CoinQuote;

/** SPEC's quote rules. The key must be {@code coinId:vsCurrency}, as producers write it. */
public final class QuoteValidator implements Validator<CoinQuote> {
  private final TimePolicy time;

  /** Validates quotes with the given time policy. */
  public QuoteValidator(TimePolicy time) {
    this.time = time;
  }

  @Override
  public Source source() {
    return Source.QUOTES;
  }

  @Override
  public Class<CoinQuote> type() {
    return CoinQuote.class;
  }

  @Override
  public long eventTime(CoinQuote value) {
    return value.getLastUpdated().toEpochMilli();
  }

  /** The key quotes of {@code coinId} in {@code vsCurrency} are written with. */
  public static String key(String coinId, String vsCurrency) {
    return coinId + ":" + vsCurrency;
  }

  @Override
  public void validate(String key, CoinQuote q, long ingestionTime, Failures out) {
    StringBuilder missing = new StringBuilder();
    Checks.requireText(missing, "key", key);
    Checks.requireText(missing, "coinId", q.getCoinId());
    Checks.requireText(missing, "vsCurrency", q.getVsCurrency());
    Checks.requireNonNull(missing, "lastUpdated", q.getLastUpdated());
    if (missing.length() > 0) {
      out.add(Rule.REQUIRED_FIELDS, "missing " + missing);
      return;
    }
    String expectedKey = key(q.getCoinId(), q.getVsCurrency());
    if (!expectedKey.equals(key)) {
      out.add(Rule.KEY_MISMATCH, "key " + key + " is not " + expectedKey);
    }
    Double price = q.getPrice();
    if (price != null && !(price > 0 && Double.isFinite(price))) {
      out.add(Rule.PRICE_POSITIVE, "price " + price + " is not > 0");
    }
    time.check("lastUpdated", eventTime(q), ingestionTime, out);
  }
}
