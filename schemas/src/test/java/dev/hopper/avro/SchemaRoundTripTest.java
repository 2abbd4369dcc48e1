package dev.hopper.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hopper.testing.AvroSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schema's records survive Avro binary encoding, specific and generic, full and sparse. */
class SchemaRoundTripTest {

  static Stream<Arguments> samples() {
    return Stream.concat(
        AvroSamples.full().stream().map(r -> Arguments.of(r.getClass().getSimpleName(), r)),
        AvroSamples.sparse().stream()
            .map(r -> Arguments.of(r.getClass().getSimpleName() + " (sparse)", r)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldRoundTripAsSpecificRecord(String name, SpecificRecord record) throws IOException {
    byte[] bytes = write(record.getSchema(), new SpecificDatumWriter<>(record.getSchema()), record);

    SpecificRecord back =
        read(
            bytes,
            new SpecificDatumReader<>(record.getSchema(), record.getSchema(), model(record)));

    assertThat(back).isEqualTo(record);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldRoundTripThroughGenericRecords(String name, SpecificRecord record) throws IOException {
    Schema schema = record.getSchema();
    byte[] bytes = write(schema, new SpecificDatumWriter<>(schema, model(record)), record);

    GenericRecord generic =
        read(bytes, new GenericDatumReader<>(schema, schema, GenericData.get()));
    byte[] again = write(schema, new GenericDatumWriter<>(schema, GenericData.get()), generic);
    SpecificRecord back = read(again, new SpecificDatumReader<>(schema, schema, model(record)));

    assertThat(back).isEqualTo(record);
    assertThat(GenericData.get().validate(schema, generic)).isTrue();
  }

  private static SpecificData model(SpecificRecord record) {
    return SpecificData.getForClass(record.getClass());
  }

  private static <T> byte[] write(Schema schema, DatumWriter<T> writer, T value)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    writer.write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static <T> T read(byte[] bytes, DatumReader<T> reader) throws IOException {
    return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }
}
