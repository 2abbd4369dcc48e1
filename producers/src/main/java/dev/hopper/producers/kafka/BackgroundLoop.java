package dev.hopper.producers.kafka;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producing loop on a daemon thread of its own: {@link #start()} runs {@link #loop()}, {@link
 * #close()} asks it to stop (interrupting a wait) and waits for the thread. A failure ends the
 * loop, is logged once and kept for {@link #failure()}.
 */
public abstract class BackgroundLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);
  private static final long JOIN_MILLIS = 10_000;

  private final String threadName;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean running;
  private Thread thread;

  /** A loop that will run on a thread named {@code threadName}. */
  protected BackgroundLoop(String threadName) {
    this.threadName = threadName;
  }

  /** The work; it should return soon after {@link #running()} turns false. */
  protected abstract void loop() throws InterruptedException;

  /** Runs {@link #loop()} in the caller's thread until it returns or {@link #close()} is called. */
  protected final void runHere() throws InterruptedException {
    running = true;
    try {
      loop();
    } finally {
      running = false;
    }
  }

  /** Starts the loop on a daemon thread. */
  public final synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    thread =
        new Thread(
            () -> {
              try {
                runHere();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                failure.set(e);
                LOG.error("{} stopped: {}", threadName, e.getMessage());
              }
            },
            threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether the loop should go on. */
  protected final boolean running() {
    return running;
  }

  /** Whether the loop is producing. */
  public final boolean isRunning() {
    return running;
  }

  /** Why the loop stopped on its own, if it did. */
  public final Throwable failure() {
    return failure.get();
  }

  /** Stops the loop and waits for its thread; the producer it writes to stays open. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
