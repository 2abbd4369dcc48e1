package dev.hopper.registry.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hopper.registry.CompatibilityLevel;
import dev.hopper.registry.server.store.StoreRecord.Config;
import dev.hopper.registry.server.store.StoreRecord.ConfigDeleted;
import dev.hopper.registry.server.store.StoreRecord.SchemaId;
import dev.hopper.registry.server.store.StoreRecord.SubjectVersion;
import dev.hopper.registry.server.store.StoreRecord.SubjectVersionDeleted;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON keys and values of the {@code _schemas} topic, in the layout of Confluent's registry for
 * versions and configs ({@code {"keytype":"SCHEMA","subject":…,"version":…,"magic":1}}), plus
 * {@code SCHEMA_ID} records that keep every id's schema even after its versions are gone. A null
 * value (tombstone) deletes the key.
 */
final class StoreRecordCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreRecordCodec() {}

  static byte[] key(StoreRecord record) {
    ObjectNode key = JSON.createObjectNode();
    if (record instanceof SubjectVersion v) {
      schemaKey(key, v.subject(), v.version());
    } else if (record instanceof SubjectVersionDeleted d) {
      schemaKey(key, d.subject(), d.version());
    } else if (record instanceof SchemaId s) {
      key.put("keytype", "SCHEMA_ID").put("id", s.id()).put("magic", 0);
    } else if (record instanceof Config c) {
      key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
    } else if (record instanceof ConfigDeleted c) {
      key.put("keytype", "CONFIG").put("subject", c.subject()).put("magic", 0);
    }
    return bytes(key);
  }

  static byte[] value(StoreRecord record) {
    if (record instanceof SubjectVersion v) {
      return bytes(
          JSON.createObjectNode()
              .put("subject", v.subject())
              .put("version", v.version())
              .put("id", v.id())
              .put("schemaType", "AVRO")
              .put("schema", v.schema())
              .put("deleted", v.deleted()));
    }
    if (record instanceof SchemaId s) {
      return bytes(
          JSON.createObjectNode()
              .put("id", s.id())
              .put("schemaType", "AVRO")
              .put("schema", s.schema()));
    }
    if (record instanceof Config c) {
      return bytes(JSON.createObjectNode().put("compatibilityLevel", c.level().name()));
    }
    return null;
  }

  /** Decodes a stored record; null for keys this registry does not use (e.g. NOOP markers). */
  static StoreRecord decode(byte[] keyBytes, byte[] valueBytes) {
    JsonNode key = tree(keyBytes);
    String type = key.path("keytype").asText();
    JsonNode value = valueBytes == null ? null : tree(valueBytes);
    switch (type) {
      case "SCHEMA" -> {
        String subject = key.path("subject").asText();
        int version = key.path("version").asInt();
        if (value == null) {
          return new SubjectVersionDeleted(subject, version);
        }
        return new SubjectVersion(
            subject,
            version,
            value.path("id").asInt(),
            value.path("schema").asText(),
            value.path("deleted").asBoolean(false));
      }
      case "SCHEMA_ID" -> {
        return value == null
            ? null
            : new SchemaId(value.path("id").asInt(), value.path("schema").asText());
      }
      case "CONFIG" -> {
        String subject = key.hasNonNull("subject") ? key.path("subject").asText() : null;
        if (value == null) {
          return new ConfigDeleted(subject);
        }
        return CompatibilityLevel.parse(value.path("compatibilityLevel").asText())
            .<StoreRecord>map(level -> new Config(subject, level))
            .orElse(null);
      }
      default -> {
        return null;
      }
    }
  }

  private static void schemaKey(ObjectNode key, String subject, int version) {
    key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode tree(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Not a registry store record: " + e.getMessage(), e);
    }
  }
}
