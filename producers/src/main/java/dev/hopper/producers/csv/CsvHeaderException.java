package dev.hopper.producers.csv;

/**
 * The file does not start with the dataset's header: nothing in it can be trusted, so fail fast.
 */
public final class CsvHeaderException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A header problem described by {@code message}. */
  public CsvHeaderException(String message) {
    super(message);
  }
}
