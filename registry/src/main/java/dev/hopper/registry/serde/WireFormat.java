package dev.hopper.registry.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format for a registry-framed record: magic byte {@code 0}, the schema id as a
 * 4-byte big-endian int, then the Avro binary encoding of the value.
 */
public final class WireFormat {
  /** The only magic byte Confluent's format defines. */
  public static final byte MAGIC_BYTE = 0;

  /** Magic byte plus schema id. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** Frames an Avro binary payload written with schema {@code schemaId}. */
  public static byte[] frame(int schemaId, byte[] avroBinary) {
    byte[] framed = new byte[HEADER_SIZE + avroBinary.length];
    writeHeader(framed, schemaId);
    System.arraycopy(avroBinary, 0, framed, HEADER_SIZE, avroBinary.length);
    return framed;
  }

  /** Writes the header of schema {@code schemaId} into the first five bytes of {@code target}. */
  public static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /**
   * The schema id of a framed record.
   *
   * @throws UnknownMagicByteException when {@code framed} is shorter than a header or does not
   *     start with the magic byte
   */
  public static int schemaId(byte[] framed) {
    if (framed.length < HEADER_SIZE || framed[0] != MAGIC_BYTE) {
      throw new UnknownMagicByteException(framed);
    }
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  /** The Avro binary payload of a framed record (a view, not a copy). */
  public static ByteBuffer payload(byte[] framed) {
    schemaId(framed);
    return ByteBuffer.wrap(framed, HEADER_SIZE, framed.length - HEADER_SIZE).slice();
  }
}
