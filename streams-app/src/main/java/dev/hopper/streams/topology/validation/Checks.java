package dev.hopper.streams.topology.validation;

/** Small helpers shared by the validators. */
final class Checks {
  private Checks() {}

  static void requireText(StringBuilder missing, String field, String value) {
    if (value == null || value.isBlank()) {
      append(missing, field);
    }
  }

  static void requireNonNull(StringBuilder missing, String field, Object value) {
    if (value == null) {
      append(missing, field);
    }
  }

  private static void append(StringBuilder missing, String field) {
    if (missing.length() > 0) {
      missing.append(", ");
    }
    missing.append(field);
  }
}
