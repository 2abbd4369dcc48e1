package dev.hopper.producers.csv;

import java.util.Objects;

/**
 * One data row of a CSV file: where it was (line number, 1-based with the header on line 1; and its
 * ordinal among data rows, 1-based), its raw text, and either the parsed order or the error.
 */
public record CsvRow(
    long lineNumber, long ordinal, String rawLine, OrderRow order, RowError error) {

  /** Exactly one of order and error is set. */
  public CsvRow {
    Objects.requireNonNull(rawLine, "rawLine");
    if ((order == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of order and error must be set");
    }
  }

  /** Whether the row parsed into an order. */
  public boolean isValid() {
    return order != null;
  }
}
