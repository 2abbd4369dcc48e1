package dev.hopper.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hopper.registry.CompatibilityLevel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which changes each compatibility level lets through, and how the transitive levels catch what the
 * plain ones miss. Schemas are small records of a subject {@code s}.
 */
class CompatibilityMatrixTest {
  static final String A = field("a", "\"int\"", null);
  static final String B_STRING = field("b", "\"string\"", null);
  static final String B_STRING_DEFAULT = field("b", "\"string\"", "\"x\"");
  static final String B_INT_DEFAULT = field("b", "\"int\"", "0");

  static String field(String name, String type, String defaultJson) {
    return "{\"name\":\""
        + name
        + "\",\"type\":"
        + type
        + (defaultJson == null ? "" : ",\"default\":" + defaultJson)
        + "}";
  }

  static String record(String... fields) {
    return "{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + String.join(",", fields) + "]}";
  }

  private final SchemaRegistryService registry = SchemaRegistryService.inMemory();

  private boolean accepts(CompatibilityLevel level, List<String> history, String candidate) {
    registry.setCompatibility("s", level);
    history.forEach(schema -> registry.register("s", schema, null));
    return registry.compatibilityProblems("s", null, candidate, null).isEmpty();
  }

  @ParameterizedTest(
      name =
          "{0}: add with default={1}, add without={2}, remove with default={3}, remove without={4}")
  @CsvSource({
    "NONE,                true,  true,  true,  true",
    "BACKWARD,            true,  false, true,  true",
    "BACKWARD_TRANSITIVE, true,  false, true,  true",
    "FORWARD,             true,  true,  true,  false",
    "FORWARD_TRANSITIVE,  true,  true,  true,  false",
    "FULL,                true,  false, true,  false",
    "FULL_TRANSITIVE,     true,  false, true,  false",
  })
  void shouldFollowAvroResolutionRulesPerLevel(
      CompatibilityLevel level,
      boolean addWithDefault,
      boolean addWithoutDefault,
      boolean removeWithDefault,
      boolean removeWithoutDefault) {
    assertThat(accepts(level, List.of(record(A)), record(A, B_STRING_DEFAULT)))
        .as("add a field with a default")
        .isEqualTo(addWithDefault);
    assertThat(
            new CompatibilityMatrixTest().accepts(level, List.of(record(A)), record(A, B_STRING)))
        .as("add a field without a default")
        .isEqualTo(addWithoutDefault);
    assertThat(
            new CompatibilityMatrixTest()
                .accepts(level, List.of(record(A, B_STRING_DEFAULT)), record(A)))
        .as("remove a field that had a default")
        .isEqualTo(removeWithDefault);
    assertThat(
            new CompatibilityMatrixTest().accepts(level, List.of(record(A, B_STRING)), record(A)))
        .as("remove a field without a default")
        .isEqualTo(removeWithoutDefault);
  }

  @Test
  void shouldLetTransitiveBackwardCatchWhatPlainBackwardMisses() {
    // v1 has b:string, v2 drops it, v3 brings b back as an int: fine against v2, not against v1.
    List<String> history = List.of(record(A, B_STRING), record(A));
    String v3 = record(A, B_INT_DEFAULT);

    assertThat(new CompatibilityMatrixTest().accepts(CompatibilityLevel.BACKWARD, history, v3))
        .isTrue();
    assertThat(
            new CompatibilityMatrixTest()
                .accepts(CompatibilityLevel.BACKWARD_TRANSITIVE, history, v3))
        .isFalse();
  }

  @Test
  void shouldLetTransitiveForwardCatchWhatPlainForwardMisses() {
    // v1 reads b:string (no default); v2 has b with a default; v3 drops b: v2 can read v3, v1 not.
    List<String> history = List.of(record(A, B_STRING), record(A, B_STRING_DEFAULT));
    String v3 = record(A);

    assertThat(new CompatibilityMatrixTest().accepts(CompatibilityLevel.FORWARD, history, v3))
        .isTrue();
    assertThat(
            new CompatibilityMatrixTest()
                .accepts(CompatibilityLevel.FORWARD_TRANSITIVE, history, v3))
        .isFalse();
  }

  @Test
  void shouldRefuseTheRegistrationItselfWith409() {
    registry.register("s", record(A), null);

    assertThatThrownBy(() -> registry.register("s", record(A, B_STRING), null))
        .isInstanceOfSatisfying(
            RegistryError.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.getMessage()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
            });
    assertThat(registry.versions("s", false, false)).containsExactly(1);
  }

  @Test
  void shouldSkipSoftDeletedVersionsWhenChecking() {
    registry.register("s", record(A, B_STRING), null);
    registry.register("s", record(A, B_STRING, field("c", "\"int\"", "1")), null);
    registry.deleteVersion("s", 1, false);
    registry.deleteVersion("s", 2, false);
    registry.setCompatibility("s", CompatibilityLevel.BACKWARD_TRANSITIVE);

    assertThat(registry.register("s", record(A, B_INT_DEFAULT), null).version()).isEqualTo(3);
  }

  @Test
  void shouldGiveOneSchemaOneIdAcrossSubjects() {
    int first = registry.register("s1", record(A), null).id();
    int other = registry.register("s2", record(A, B_STRING), null).id();

    // Whitespace and field attribute order do not make a different schema.
    int again =
        registry
            .register(
                "s3",
                "{ \"name\": \"R\", \"type\": \"record\", \"fields\": [ {\"type\":\"int\", \"name\":\"a\"} ] }",
                null)
            .id();

    assertThat(first).isEqualTo(1);
    assertThat(other).isEqualTo(2);
    assertThat(again).isEqualTo(first);
    assertThat(registry.maxId()).isEqualTo(2);
  }
}
