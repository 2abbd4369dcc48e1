package dev.hopper.streams;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waiting on the Kafka Admin client's futures: bounded, with a failure that reads well. */
public final class KafkaFutures {
  private KafkaFutures() {}

  /**
   * The value of {@code future} within {@code timeoutSeconds}; a failure or a timeout becomes an
   * {@link IllegalStateException} whose message is the cause's.
   */
  public static <T> T get(KafkaFuture<T> future, long timeoutSeconds) throws InterruptedException {
    try {
      return future.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
          cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from Kafka within " + timeoutSeconds + " s", e);
    }
  }
}
