package dev.hopper.registry.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The bytes are not a registry-framed record: too short, or the first byte is not the magic byte
 * {@code 0}. Typically data written without a Schema Registry serializer (a poison pill).
 */
public class UnknownMagicByteException extends SerializationException {
  private static final long serialVersionUID = 1L;

  public UnknownMagicByteException(byte[] data) {
    super(describe(data));
  }

  private static String describe(byte[] data) {
    if (data.length == 0) {
      return "Unknown magic byte: the record is empty, expected magic byte 0 and a schema id";
    }
    if (data[0] != WireFormat.MAGIC_BYTE) {
      return "Unknown magic byte " + (data[0] & 0xff) + ", expected 0 (Confluent wire format)";
    }
    return "Unknown magic byte: the record has "
        + data.length
        + " bytes, fewer than the 5-byte header (magic byte and schema id)";
  }
}
