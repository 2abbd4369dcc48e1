package dev.hopper.producers.generate;

import dev.hopper.topics.HopperTopic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Deterministic synthetic data for Hopper: a catalog, customers, bitcoin and other quotes, orders
 * with realistic distributions and their payments, plus the invalid, disordered and late records
 * asked for. Use {@link #generate} for a finite fixture held in memory (tests recompute expected
 * results from it), or {@link #stream} for a lazy sequence of any length (benchmarks, endless
 * runs).
 *
 * <p>Send order: products and customers first (timestamped one minute before the start), then, with
 * {@link GeneratorConfig#quotesFirst()}, every quote and then orders and payments; otherwise
 * quotes, orders and payments merged by timestamp. Trailing records come last.
 */
public final class DataGenerator {

  private final GeneratorConfig config;
  private final Catalog catalog;
  private final SplittableRandom quoteRandom;
  private final SplittableRandom orderRandom;
  private final String idTag;

  private DataGenerator(GeneratorConfig config) {
    this.config = config;
    SplittableRandom root = new SplittableRandom(config.seed());
    // Separate streams: the quotes do not change when the order settings change, and vice versa.
    SplittableRandom catalogRandom = root.split();
    this.quoteRandom = root.split();
    this.orderRandom = root.split();
    this.catalog = Catalog.build(config, catalogRandom, entityTime(config));
    this.idTag = Long.toHexString(mix(config.seed()) & 0xFFFFFFL);
  }

  /** Generates everything of a finite configuration into memory. */
  public static GeneratedData generate(GeneratorConfig config) {
    if (config.orders() == GeneratorConfig.UNLIMITED) {
      throw new IllegalArgumentException("an endless configuration cannot be held in memory");
    }
    DataGenerator g = new DataGenerator(config);
    List<GeneratedRecord> records = new ArrayList<>();
    g.iterator().forEachRemaining(records::add);
    return new GeneratedData(config, g.catalog, records);
  }

  /** The records of {@code config}, lazily, in send order; memory stays bounded. */
  public static Iterator<GeneratedRecord> stream(GeneratorConfig config) {
    return new DataGenerator(config).iterator();
  }

  /** {@link #stream} as a sequential {@link Stream}. */
  public static Stream<GeneratedRecord> records(GeneratorConfig config) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            stream(config), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /** The catalog (products and customers) {@code config} makes. */
  public static Catalog catalog(GeneratorConfig config) {
    return new DataGenerator(config).catalog;
  }

  /** When products and customers are stamped: one minute before the first order. */
  static Instant entityTime(GeneratorConfig config) {
    return config.start().minusSeconds(60);
  }

  private Iterator<GeneratedRecord> iterator() {
    long entityMs = entityTime(config).toEpochMilli();
    List<Pending> entities = new ArrayList<>();
    long n = 0;
    for (var p : catalog.products()) {
      entities.add(
          new Pending(
              n++,
              HopperTopic.SHOP_PRODUCTS,
              p.getProductId(),
              p,
              null,
              entityMs,
              RecordLabel.ENTITY,
              null,
              Set.of()));
    }
    for (var c : catalog.customers()) {
      entities.add(
          new Pending(
              n++,
              HopperTopic.SHOP_CUSTOMERS,
              c.getCustomerId(),
              c,
              null,
              entityMs,
              RecordLabel.ENTITY,
              null,
              Set.of()));
    }
    Iterator<Pending> quotes =
        config.includeQuotes()
            ? new QuoteTimeline(config, quoteRandom)
            : List.<Pending>of().iterator();
    Iterator<Pending> orders =
        new OrderTimeline(
            config,
            catalog,
            orderRandom,
            idTag,
            config.includeQuotes() ? QuoteTimeline.firstQuote(config) : null);
    Iterator<Pending> events =
        config.quotesFirst() ? concat(quotes, orders) : merge(quotes, orders);
    return numbered(concat(entities.iterator(), events));
  }

  private static Iterator<GeneratedRecord> numbered(Iterator<Pending> source) {
    return new Iterator<>() {
      private long sequence;

      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public GeneratedRecord next() {
        return source.next().toRecord(sequence++);
      }
    };
  }

  private static Iterator<Pending> concat(Iterator<Pending> a, Iterator<Pending> b) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return a.hasNext() || b.hasNext();
      }

      @Override
      public Pending next() {
        return a.hasNext() ? a.next() : b.next();
      }
    };
  }

  /** Merges two send-ordered sequences by timestamp; on a tie the first (quotes) goes first. */
  private static Iterator<Pending> merge(Iterator<Pending> first, Iterator<Pending> second) {
    return new Iterator<>() {
      private Pending a;
      private Pending b;

      @Override
      public boolean hasNext() {
        fill();
        return a != null || b != null;
      }

      private void fill() {
        if (a == null && first.hasNext()) {
          a = first.next();
        }
        if (b == null && second.hasNext()) {
          b = second.next();
        }
      }

      @Override
      public Pending next() {
        fill();
        Pending out;
        if (a != null && (b == null || a.sendMs() <= b.sendMs())) {
          out = a;
          a = null;
        } else if (b != null) {
          out = b;
          b = null;
        } else {
          throw new NoSuchElementException();
        }
        return out;
      }
    };
  }

  /** SplitMix64's finalizer: spreads seeds so that nearby seeds get unrelated id tags. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
