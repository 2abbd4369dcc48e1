package dev.hopper.platform.bench;

import dev.hopper.avro.CoinQuote;
import dev.hopper.avro.Order;
import dev.hopper.avro.QuoteSource;
import dev.hopper.producers.generate.GeneratedRecord;
import dev.hopper.producers.kafka.HopperProducer;
import dev.hopper.topics.HopperTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A live input at a fixed rate: the generator's orders, re-stamped with the time they are sent (so
 * event time is wall-clock time), and a bitcoin quote in USD and INR every {@code quoteInterval}.
 * Remembers when each order was sent, for the end-to-end latency, and the customers of recent
 * orders, for the REST lookups.
 */
final class LiveFeed implements AutoCloseable {
  private static final int RECENT = 4096;

  private final HopperProducer producer;
  private final Iterator<GeneratedRecord> orders;
  private final int rate;
  private final Duration quoteInterval;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<String> recentCustomers = new AtomicReferenceArray<>(RECENT);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong recorded = new AtomicLong();
  private final SplittableRandom random = new SplittableRandom(7);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long recordFromNanos = Long.MAX_VALUE;
  private volatile RuntimeException failure;
  private double btcUsd = 97_000;

  /** Starts sending {@code rate} orders per second from {@code orders} through {@code producer}. */
  LiveFeed(
      HopperProducer producer, Iterator<GeneratedRecord> orders, int rate, Duration quoteInterval) {
    this.producer = producer;
    this.orders = orders;
    this.rate = rate;
    this.quoteInterval = quoteInterval;
    this.thread = new Thread(this::loop, "bench-live-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      long start = System.nanoTime();
      long nextQuote = start;
      long ordersSent = 0;
      while (running) {
        long now = System.nanoTime();
        if (now >= nextQuote) {
          sendQuotes();
          nextQuote += quoteInterval.toNanos();
        }
        long due = (now - start) * rate / 1_000_000_000L;
        while (ordersSent < due && running) {
          sendOrder();
          ordersSent++;
        }
        long sleepNanos = Math.min(nextQuote, start + (ordersSent + 1) * 1_000_000_000L / rate);
        long wait = sleepNanos - System.nanoTime();
        if (wait > 200_000) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void sendOrder() {
    GeneratedRecord next = null;
    while (orders.hasNext()) {
      GeneratedRecord r = orders.next();
      if (r.topic() == HopperTopic.SHOP_ORDERS && r.order() != null) {
        next = r;
        break;
      }
    }
    if (next == null) {
      throw new IllegalStateException("the generator ran out of orders");
    }
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    Order order = Order.newBuilder(next.order()).setOrderTime(now).build();
    long nanos = System.nanoTime();
    if (nanos >= recordFromNanos) {
      sentAt.put(order.getOrderId(), nanos);
      recorded.incrementAndGet();
    }
    producer.send(HopperTopic.SHOP_ORDERS, order.getOrderId(), order, now);
    recentCustomers.set((int) (sent.getAndIncrement() % RECENT), order.getCustomerId());
  }

  private void sendQuotes() {
    btcUsd *= Math.exp(random.nextGaussian() * 0.0002);
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    for (String vs : new String[] {"usd", "inr"}) {
      double price = Math.round(btcUsd * (vs.equals("usd") ? 1 : 84.5) * 100) / 100.0;
      CoinQuote q =
          CoinQuote.newBuilder()
              .setCoinId("bitcoin")
              .setSymbol("btc")
              .setName("Bitcoin")
              .setVsCurrency(vs)
              .setPrice(price)
              .setLastUpdated(now)
              .setSource(QuoteSource.SIMULATED)
              .build();
      producer.send(HopperTopic.CRYPTO_QUOTES, "bitcoin:" + vs, q, now);
    }
  }

  /** Remembers the send time of every order sent from now on. */
  void startRecording() {
    recordFromNanos = System.nanoTime();
  }

  /** Stops remembering send times; returns how many orders were recorded. */
  long stopRecording() {
    recordFromNanos = Long.MAX_VALUE;
    return recorded.get();
  }

  /** Takes the send time of a recorded order ({@link System#nanoTime()}), or null. */
  Long takeSentAt(String orderId) {
    return sentAt.remove(orderId);
  }

  /** Orders recorded but not seen yet. */
  int pending() {
    return sentAt.size();
  }

  /** Orders sent so far. */
  long sent() {
    return sent.get();
  }

  /** A customer of a recent order, or null before the first order. */
  String recentCustomer(SplittableRandom r) {
    long n = Math.min(sent.get(), RECENT);
    return n == 0 ? null : recentCustomers.get(r.nextInt((int) n));
  }

  /** Fails when sending failed. */
  void check() {
    if (failure != null) {
      throw new IllegalStateException("the live feed failed: " + failure.getMessage(), failure);
    }
  }

  /** Stops sending and flushes what was sent. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.flush();
  }
}
