package dev.hopper.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * The compatibility levels of Confluent's Schema Registry: which earlier versions of a subject a
 * new schema is checked against ({@code _TRANSITIVE}: all of them, otherwise the latest) and in
 * which direction (BACKWARD: the new schema reads old data; FORWARD: old schemas read new data;
 * FULL: both).
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** Whether the new schema must be able to read data written with earlier schemas. */
  public boolean backward() {
    return backward;
  }

  /** Whether earlier schemas must be able to read data written with the new schema. */
  public boolean forward() {
    return forward;
  }

  /** Whether every earlier version is checked, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /** Parses a level name case-insensitively, as Confluent's registry does; empty when unknown. */
  public static Optional<CompatibilityLevel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (CompatibilityLevel level : values()) {
      if (level.name().equals(upper)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
