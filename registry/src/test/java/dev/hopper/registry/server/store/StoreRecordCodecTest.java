package dev.hopper.registry.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.registry.CompatibilityLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {

  @Test
  void shouldRoundTripEveryRecordKind() {
    List<StoreRecord> records =
        List.of(
            new StoreRecord.SubjectVersion("orders-value", 3, 7, "\"string\"", true),
            new StoreRecord.SubjectVersionDeleted("orders-value", 3),
            new StoreRecord.SchemaId(7, "\"string\""),
            new StoreRecord.Config(null, CompatibilityLevel.FULL_TRANSITIVE),
            new StoreRecord.Config("orders-value", CompatibilityLevel.NONE),
            new StoreRecord.ConfigDeleted("orders-value"),
            new StoreRecord.ConfigDeleted(null));

    for (StoreRecord record : records) {
      StoreRecord decoded =
          StoreRecordCodec.decode(StoreRecordCodec.key(record), StoreRecordCodec.value(record));
      assertThat(decoded).isEqualTo(record);
    }
  }

  @Test
  void shouldKeyVersionsAndTheirDeletionAlikeSoCompactionReplacesThem() {
    var version = new StoreRecord.SubjectVersion("s", 1, 1, "\"int\"", false);

    assertThat(StoreRecordCodec.key(new StoreRecord.SubjectVersionDeleted("s", 1)))
        .isEqualTo(StoreRecordCodec.key(version))
        .isEqualTo(StoreRecordCodec.key(version.asDeleted()));
    assertThat(new String(StoreRecordCodec.key(version), StandardCharsets.UTF_8))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}");
    assertThat(StoreRecordCodec.value(new StoreRecord.SubjectVersionDeleted("s", 1))).isNull();
  }

  @Test
  void shouldIgnoreKeysItDoesNotUse() {
    byte[] noop = "{\"keytype\":\"NOOP\",\"magic\":0}".getBytes(StandardCharsets.UTF_8);

    assertThat(StoreRecordCodec.decode(noop, null)).isNull();
  }
}
