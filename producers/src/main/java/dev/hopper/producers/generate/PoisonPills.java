package dev.hopper.producers.generate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Values no Avro deserializer can read, in the ways they happen in practice: JSON or text written
 * by a misconfigured producer (no magic byte), a registry frame naming a schema id that does not
 * exist, an empty value, and a frame cut short inside its header.
 */
final class PoisonPills {

  /** Number of distinct variants. */
  static final int VARIANTS = 4;

  /** A schema id no registry in a test will have assigned. */
  static final int UNKNOWN_SCHEMA_ID = 0x7FFFFFF0;

  private PoisonPills() {}

  static byte[] make(int variant, SplittableRandom random) {
    switch (Math.floorMod(variant, VARIANTS)) {
      case 0:
        return ("{\"note\":\"JSON where Avro was expected\",\"n\":" + random.nextInt(1000) + "}")
            .getBytes(StandardCharsets.UTF_8);
      case 1:
        ByteBuffer b = ByteBuffer.allocate(13);
        b.put((byte) 0).putInt(UNKNOWN_SCHEMA_ID);
        byte[] body = new byte[8];
        random.nextBytes(body);
        b.put(body);
        return b.array();
      case 2:
        return new byte[0];
      default:
        return new byte[] {0, 0, 1};
    }
  }
}
