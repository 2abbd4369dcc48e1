package dev.hopper.platform.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * The statistics the benchmark reports: the median, minimum and maximum of a figure over its runs,
 * and nearest-rank percentiles of latency samples. Pure functions of their input.
 */
public final class Stats {
  private Stats() {}

  /** The median, minimum and maximum of a figure over {@code n} runs. */
  public record Summary(double median, double min, double max, int n) {}

  /**
   * Summarizes {@code values}: the median (the mean of the two middle values for an even count),
   * the minimum and the maximum.
   *
   * @throws IllegalArgumentException when there is no value or a value is not a finite number
   */
  public static Summary summarize(Collection<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to summarize");
    }
    double[] sorted = new double[values.size()];
    int i = 0;
    for (Number v : values) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("not a finite value: " + d);
      }
      sorted[i++] = d;
    }
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Summary(median, sorted[0], sorted[n - 1], n);
  }

  /**
   * The nearest-rank percentile {@code p} (0 &lt; p &le; 100) of {@code sortedSamples}, which must
   * be sorted ascending: the smallest sample such that at least p % of the samples are at or below
   * it.
   *
   * @throws IllegalArgumentException when there is no sample or {@code p} is out of range
   */
  public static long percentile(long[] sortedSamples, double p) {
    return percentile(sortedSamples, sortedSamples.length, p);
  }

  /** {@link #percentile(long[], double)} over the first {@code count} entries of {@code sorted}. */
  static long percentile(long[] sorted, int count, double p) {
    if (count == 0) {
      throw new IllegalArgumentException("no samples");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count, rank) - 1)];
  }

  /**
   * A growable list of long samples (latencies in microseconds, say), cheap enough to record a
   * sample per record. Not thread-safe.
   */
  public static final class Samples {
    private long[] values = new long[1024];
    private int size;

    /** Adds one sample. */
    public void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    /** How many samples there are. */
    public int size() {
      return size;
    }

    /** The samples, sorted ascending (a copy). */
    public long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }
}
