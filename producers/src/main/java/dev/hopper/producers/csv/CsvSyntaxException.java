package dev.hopper.producers.csv;

/** A row whose quoting is malformed; carries the kind of error for the row report. */
final class CsvSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final RowError.Kind kind;

  CsvSyntaxException(RowError.Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  RowError.Kind kind() {
    return kind;
  }
}
