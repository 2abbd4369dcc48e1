package dev.hopper.producers.csv;

import java.nio.ByteBuffer;

/**
 * A set of strings kept as 64-bit fingerprints (SHA-256 prefixes) in an open-addressing table: 16
 * bytes per id at most, so remembering which of millions of products and customers were already
 * sent stays small. A false "already seen" needs two distinct ids with the same 64-bit prefix,
 * about one chance in 10^7 for a million ids.
 */
final class FingerprintSet {
  private long[] table = new long[1 << 12];
  private boolean hasZero;
  private int size;

  /** Adds {@code id}; returns whether it was new. */
  boolean add(String id) {
    long f = ByteBuffer.wrap(CsvOrders.sha256(id), 0, 8).getLong();
    if (f == 0) {
      boolean added = !hasZero;
      hasZero = true;
      size += added ? 1 : 0;
      return added;
    }
    if ((size + 1) * 2L > table.length) {
      grow();
    }
    if (insert(table, f)) {
      size++;
      return true;
    }
    return false;
  }

  int size() {
    return size;
  }

  private static boolean insert(long[] t, long f) {
    int mask = t.length - 1;
    int i = (int) (f ^ (f >>> 32)) & mask;
    while (t[i] != 0) {
      if (t[i] == f) {
        return false;
      }
      i = (i + 1) & mask;
    }
    t[i] = f;
    return true;
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long f : table) {
      if (f != 0) {
        insert(bigger, f);
      }
    }
    table = bigger;
  }
}
