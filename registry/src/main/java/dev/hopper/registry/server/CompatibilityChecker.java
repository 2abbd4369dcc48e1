package dev.hopper.registry.server;

import dev.hopper.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a new schema against earlier versions of a subject with Avro's own reader/writer
 * compatibility rules ({@link SchemaCompatibility}), in the directions and over the versions a
 * {@link CompatibilityLevel} asks for.
 */
public final class CompatibilityChecker {
  private CompatibilityChecker() {}

  /**
   * Returns why {@code candidate} is not compatible with {@code previous} (oldest first, versions
   * given as {@code versionLabels}), or an empty list when it is.
   */
  public static List<String> check(
      CompatibilityLevel level,
      Schema candidate,
      List<Schema> previous,
      List<Integer> versionLabels) {
    List<String> problems = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return problems;
    }
    int from = level.transitive() ? 0 : previous.size() - 1;
    for (int i = previous.size() - 1; i >= from; i--) {
      Schema earlier = previous.get(i);
      int version = versionLabels.get(i);
      if (level.backward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier).getResult(),
            "the new schema cannot read data written with version " + version,
            problems);
      }
      if (level.forward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate).getResult(),
            "version " + version + " cannot read data written with the new schema",
            problems);
      }
    }
    return problems;
  }

  private static void describe(
      SchemaCompatibilityResult result, String direction, List<String> problems) {
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    for (Incompatibility incompatibility : result.getIncompatibilities()) {
      problems.add(
          direction
              + ": "
              + incompatibility.getType()
              + " at "
              + incompatibility.getLocation()
              + " ("
              + incompatibility.getMessage()
              + ")");
    }
  }
}
