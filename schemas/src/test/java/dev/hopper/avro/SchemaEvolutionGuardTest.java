package dev.hopper.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/**
 * Every schema change must stay BACKWARD compatible (SPEC): today's schemas must read data written
 * with the released ones, kept in {@code src/test/resources/baseline} (same layout as {@code
 * src/main/avro}). After a compatible change is released, copy the new schemas into the baseline.
 */
class SchemaEvolutionGuardTest {
  private static final Path BASELINE = Path.of("src/test/resources/baseline");

  @Test
  void shouldReadEveryReleasedSchemasData() {
    Map<String, Schema> current = SchemaContractTest.parseAll(SchemaContractTest.AVRO_DIR);
    Map<String, Schema> released = SchemaContractTest.parseAll(BASELINE);
    List<String> problems = new ArrayList<>();

    for (Schema old : released.values()) {
      Schema now = current.get(old.getFullName());
      if (now == null) {
        problems.add(old.getFullName() + " was removed");
        continue;
      }
      var result = SchemaCompatibility.checkReaderWriterCompatibility(now, old).getResult();
      if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
        problems.add(old.getFullName() + ": " + result.getIncompatibilities());
      }
    }

    assertThat(released).isNotEmpty();
    assertThat(problems).as("changes that break BACKWARD compatibility").isEmpty();
  }

  @Test
  void shouldCatchAFieldAddedWithoutADefault() {
    // Given the released Order and a candidate that adds a required field
    Schema released = Order.getClassSchema();
    String candidateJson =
        released
            .toString()
            .replace(
                "\"fields\":[",
                "\"fields\":[{\"name\":\"channel\",\"type\":\"string\",\"doc\":\"Sales channel.\"},");
    Schema candidate = new Schema.Parser().parse(candidateJson);

    var result =
        SchemaCompatibility.checkReaderWriterCompatibility(candidate, released).getResult();

    // Then the guard's check refuses it
    assertThat(result.getCompatibility()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(result.getIncompatibilities().get(0).getMessage()).contains("channel");
  }
}
