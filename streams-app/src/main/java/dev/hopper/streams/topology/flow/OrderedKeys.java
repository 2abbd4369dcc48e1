package dev.hopper.streams.topology.flow;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store keys that sort by time: a one-byte prefix, the time as a big-endian long, then a string.
 * RocksDB and the in-memory stores order keys as unsigned bytes, so a range scan over a prefix
 * returns entries in time order (times are after 2000, hence positive).
 */
public final class OrderedKeys {
  private OrderedKeys() {}

  /** The key ({@code prefix}, {@code time}, {@code id}). */
  public static Bytes of(byte prefix, long time, String id) {
    byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(9 + idBytes.length).put(prefix).putLong(time).put(idBytes).array());
  }

  /** The smallest key with {@code prefix}. */
  public static Bytes first(byte prefix) {
    return Bytes.wrap(ByteBuffer.allocate(9).put(prefix).putLong(0L).array());
  }

  /** A key just after every key of {@code prefix} up to and including {@code time}. */
  public static Bytes after(byte prefix, long time) {
    return Bytes.wrap(ByteBuffer.allocate(10).put(prefix).putLong(time).put((byte) 0xFF).array());
  }

  /** The time of a key. */
  public static long time(Bytes key) {
    return ByteBuffer.wrap(key.get()).getLong(1);
  }

  /** The string of a key. */
  public static String id(Bytes key) {
    byte[] b = key.get();
    return new String(b, 9, b.length - 9, StandardCharsets.UTF_8);
  }
}
