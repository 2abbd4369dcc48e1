package dev.hopper.producers.coingecko;

import java.net.URI;
import java.util.Locale;

/**
 * CoinGecko's API plans: each has its own host and its own API key header. Keys of one plan are
 * refused by the other's host, so the plan is configured explicitly ({@code coingecko.plan}).
 */
public enum CoinGeckoPlan {
  /** The free Demo plan (about 30 calls a minute); also works without a key, more throttled. */
  DEMO(URI.create("https://api.coingecko.com/api/v3"), "x-cg-demo-api-key"),
  /** The paid plans (Analyst, Lite, Pro, Enterprise). */
  PRO(URI.create("https://pro-api.coingecko.com/api/v3"), "x-cg-pro-api-key");

  private final URI baseUrl;
  private final String keyHeader;

  CoinGeckoPlan(URI baseUrl, String keyHeader) {
    this.baseUrl = baseUrl;
    this.keyHeader = keyHeader;
  }

  /** The API root of the plan's host. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The request header that carries the API key. */
  public String keyHeader() {
    return keyHeader;
  }

  /** {@code demo} or {@code pro}, any case. */
  public static CoinGeckoPlan parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
