package dev.hopper.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.registry.CompatibilityLevel;
import dev.hopper.registry.server.store.SchemaStore;
import dev.hopper.registry.server.store.StoreRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A registry restarted on the same store comes back with the same state: ids, versions, soft and
 * permanent deletes, configuration. The log is also replayed after compaction (only the last record
 * per key), which is what the {@code _schemas} topic keeps.
 */
class StoreReplayTest {
  static final String V1 = CompatibilityMatrixTest.record(CompatibilityMatrixTest.A);
  static final String V2 =
      CompatibilityMatrixTest.record(
          CompatibilityMatrixTest.A, CompatibilityMatrixTest.B_STRING_DEFAULT);

  /** A store that keeps its log in a list and replays it on start. */
  static final class ListStore implements SchemaStore {
    final List<StoreRecord> log;
    private Consumer<StoreRecord> sink;

    ListStore(List<StoreRecord> log) {
      this.log = log;
    }

    @Override
    public void start(Consumer<StoreRecord> sink) {
      this.sink = sink;
      log.forEach(sink);
    }

    @Override
    public void append(List<StoreRecord> records) {
      log.addAll(records);
      records.forEach(sink);
    }

    @Override
    public String describe() {
      return "list";
    }

    @Override
    public void close() {}
  }

  @Test
  void shouldComeBackWithEverythingAfterARestart() {
    List<StoreRecord> log = new ArrayList<>();
    try (SchemaRegistryService before = started(log)) {
      populate(before);
    }

    try (SchemaRegistryService after = started(log)) {
      assertState(after);
      // New ids continue after the highest one ever given.
      assertThat(after.register("fresh", "{\"type\":\"string\"}", null).id()).isEqualTo(4);
    }
  }

  @Test
  void shouldComeBackWithEverythingFromACompactedLog() {
    List<StoreRecord> log = new ArrayList<>();
    try (SchemaRegistryService before = started(log)) {
      populate(before);
    }

    try (SchemaRegistryService after = started(new ArrayList<>(compact(log)))) {
      assertState(after);
    }
  }

  private static void populate(SchemaRegistryService registry) {
    registry.register("orders-value", V1, null); // id 1, v1
    registry.register("orders-value", V2, null); // id 2, v2
    registry.register("quotes-value", V1, null); // id 1, v1
    registry.register("gone-value", "{\"type\":\"long\"}", null); // id 3
    registry.deleteVersion("orders-value", 1, false);
    registry.deleteSubject("gone-value", false);
    registry.deleteSubject("gone-value", true);
    registry.setCompatibility(null, CompatibilityLevel.FULL);
    registry.setCompatibility("quotes-value", CompatibilityLevel.NONE);
    registry.setCompatibility("orders-value", CompatibilityLevel.FORWARD);
    registry.deleteSubjectCompatibility("orders-value");
  }

  private static void assertState(SchemaRegistryService registry) {
    assertThat(registry.subjects(null, false, false))
        .containsExactly("orders-value", "quotes-value");
    assertThat(registry.versions("orders-value", true, false)).containsExactly(1, 2);
    assertThat(registry.versions("orders-value", false, false)).containsExactly(2);
    assertThat(registry.version("quotes-value", 1, false).id()).isEqualTo(1);
    assertThat(registry.schemaById(2)).isEqualTo(V2);
    // The permanently deleted subject's id still decodes old data.
    assertThat(registry.schemaById(3)).isEqualTo("\"long\"");
    assertThat(registry.maxId()).isEqualTo(3);
    assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
    assertThat(registry.subjectCompatibility("quotes-value")).contains(CompatibilityLevel.NONE);
    assertThat(registry.subjectCompatibility("orders-value")).isEmpty();
    // Same schema, same id, even after a restart.
    assertThat(registry.register("other-value", "{\"type\":\"long\"}", null).id()).isEqualTo(3);
  }

  private static SchemaRegistryService started(List<StoreRecord> log) {
    SchemaRegistryService service =
        new SchemaRegistryService(new ListStore(log), CompatibilityLevel.BACKWARD);
    service.start();
    return service;
  }

  /** What log compaction keeps: the last record of each key, tombstones dropped, order kept. */
  private static List<StoreRecord> compact(List<StoreRecord> log) {
    java.util.LinkedHashMap<Object, StoreRecord> last = new java.util.LinkedHashMap<>();
    for (StoreRecord record : log) {
      Object key = keyOf(record);
      last.remove(key);
      last.put(key, record);
    }
    return last.values().stream()
        .filter(r -> !(r instanceof StoreRecord.SubjectVersionDeleted))
        .filter(r -> !(r instanceof StoreRecord.ConfigDeleted))
        .toList();
  }

  private static Object keyOf(StoreRecord record) {
    if (record instanceof StoreRecord.SubjectVersion v) {
      return List.of("SCHEMA", v.subject(), v.version());
    }
    if (record instanceof StoreRecord.SubjectVersionDeleted d) {
      return List.of("SCHEMA", d.subject(), d.version());
    }
    if (record instanceof StoreRecord.SchemaId s) {
      return List.of("ID", s.id());
    }
    if (record instanceof StoreRecord.Config c) {
      return java.util.Arrays.asList("CONFIG", c.subject());
    }
    return java.util.Arrays.asList("CONFIG", ((StoreRecord.ConfigDeleted) record).subject());
  }
}
