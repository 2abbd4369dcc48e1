package dev.hopper.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.testing.AvroSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * The house rules every schema in {@code src/main/avro} follows: it parses, it is documented down
 * to every field, enums can grow, money is decimal with an explicit scale, times are
 * timestamp-millis.
 */
class SchemaContractTest {
  static final Path AVRO_DIR = Path.of("src/main/avro");

  /** Every schema file, parsed in dependency order (shared types in common/ first). */
  static Map<String, Schema> parseAll(Path dir) {
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> byName = new LinkedHashMap<>();
    for (Path file : files(dir.resolve("common"))) {
      Schema schema = parse(parser, file);
      byName.put(schema.getFullName(), schema);
    }
    for (Path file : files(dir)) {
      Schema schema = parse(parser, file);
      byName.put(schema.getFullName(), schema);
    }
    return byName;
  }

  static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema parse(Schema.Parser parser, Path file) {
    try {
      return parser.parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void shouldParseEverySchemaFileInTheHopperNamespace() {
    Map<String, Schema> schemas = parseAll(AVRO_DIR);

    assertThat(schemas).hasSizeGreaterThanOrEqualTo(19);
    assertThat(schemas.values())
        .allSatisfy(s -> assertThat(s.getNamespace()).isEqualTo("dev.hopper.avro"));
  }

  @Test
  void shouldGenerateClassesIdenticalToTheSchemaFiles() {
    for (Schema schema : parseAll(AVRO_DIR).values()) {
      Class<?> generated = SpecificData.get().getClass(schema);

      assertThat(generated).as(schema.getFullName()).isNotNull();
      // The generator marks strings as java.lang.String (stringType=String); nothing else differs.
      String fromClass =
          SpecificData.get()
              .getSchema(generated)
              .toString()
              .replace(",\"avro.java.string\":\"String\"", "")
              .replace("{\"type\":\"string\"}", "\"string\"");
      assertThat(fromClass).isEqualTo(schema.toString());
    }
  }

  @Test
  void shouldHaveASampleOfEveryRecordSchema() {
    List<String> records =
        parseAll(AVRO_DIR).values().stream()
            .filter(s -> s.getType() == Schema.Type.RECORD)
            .map(Schema::getFullName)
            .sorted()
            .toList();

    assertThat(AvroSamples.recordTypes().stream().map(Class::getName).sorted().toList())
        .isEqualTo(records);
  }

  @Test
  void shouldDocumentEveryTypeAndEveryField() {
    List<String> undocumented = new ArrayList<>();
    for (Schema schema : parseAll(AVRO_DIR).values()) {
      if (isBlank(schema.getDoc())) {
        undocumented.add(schema.getFullName());
      }
      if (schema.getType() == Schema.Type.RECORD) {
        for (Schema.Field field : schema.getFields()) {
          if (isBlank(field.doc())) {
            undocumented.add(schema.getFullName() + "." + field.name());
          }
        }
      }
    }

    assertThat(undocumented).as("types and fields without a doc").isEmpty();
  }

  @Test
  void shouldGiveEveryEnumADefaultSymbolSoSymbolsCanBeAddedLater() {
    List<Schema> enums =
        parseAll(AVRO_DIR).values().stream().filter(s -> s.getType() == Schema.Type.ENUM).toList();

    assertThat(enums).isNotEmpty();
    assertThat(enums)
        .allSatisfy(
            e -> {
              assertThat(e.getEnumDefault()).as(e.getFullName() + " default").isNotNull();
              assertThat(e.getEnumSymbols()).contains(e.getEnumDefault());
            });
  }

  @Test
  void shouldKeepMoneyInDecimalsWithAnExplicitScale() {
    List<String> problems = new ArrayList<>();
    for (Schema schema : parseAll(AVRO_DIR).values()) {
      visitFields(
          schema,
          (path, fieldSchema) -> {
            LogicalType logical = fieldSchema.getLogicalType();
            if (logical instanceof LogicalTypes.Decimal decimal) {
              boolean money = decimal.getPrecision() == 18 && decimal.getScale() == 2;
              boolean btc = decimal.getPrecision() == 18 && decimal.getScale() == 8;
              boolean percent = decimal.getPrecision() == 5 && decimal.getScale() == 2;
              if (!money && !btc && !percent) {
                problems.add(
                    path
                        + " is "
                        + logical.getName()
                        + "("
                        + decimal.getPrecision()
                        + ","
                        + decimal.getScale()
                        + ")");
              }
            }
          });
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void shouldStoreEveryPointInTimeAsTimestampMillis() {
    List<String> problems = new ArrayList<>();
    for (Schema schema : parseAll(AVRO_DIR).values()) {
      visitFields(
          schema,
          (path, fieldSchema) -> {
            String name = path.substring(path.lastIndexOf('.') + 1);
            boolean pointInTime =
                name.endsWith("Time")
                    || name.endsWith("At")
                    || name.equals("lastUpdated")
                    || name.equals("windowStart")
                    || name.equals("windowEnd");
            if (pointInTime
                && !(fieldSchema.getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
              problems.add(path + " is " + fieldSchema);
            }
          });
    }

    assertThat(problems).isEmpty();
  }

  /** Calls {@code visitor} with each field's path and its (non-null branch of the) schema. */
  static void visitFields(Schema schema, java.util.function.BiConsumer<String, Schema> visitor) {
    visit(
        schema,
        schema.getFullName(),
        visitor,
        java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static void visit(
      Schema schema,
      String path,
      java.util.function.BiConsumer<String, Schema> visitor,
      Set<Schema> seen) {
    if (schema.getType() != Schema.Type.RECORD || !seen.add(schema)) {
      return;
    }
    for (Schema.Field field : schema.getFields()) {
      Schema fieldSchema = field.schema();
      if (fieldSchema.getType() == Schema.Type.UNION) {
        for (Schema branch : fieldSchema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            visitor.accept(path + "." + field.name(), branch);
            visit(branch, path + "." + field.name(), visitor, seen);
          }
        }
      } else {
        visitor.accept(path + "." + field.name(), fieldSchema);
        visit(fieldSchema, path + "." + field.name(), visitor, seen);
      }
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
