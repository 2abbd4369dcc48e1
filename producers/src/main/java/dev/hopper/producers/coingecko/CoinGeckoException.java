package dev.hopper.producers.coingecko;

/** CoinGecko could not be reached or refused the request, after the retries allowed. */
public final class CoinGeckoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A failure with the last HTTP status seen ({@code -1} when none: I/O error or timeout). */
  public CoinGeckoException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The last HTTP status, or {@code -1} when the request never got an answer. */
  public int status() {
    return status;
  }
}
