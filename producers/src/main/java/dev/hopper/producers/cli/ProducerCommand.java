package dev.hopper.producers.cli;

import dev.hopper.config.LayeredConfig;
import dev.hopper.producers.Main;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What the three commands share: configuration, usage errors, and a clean stop on Ctrl-C. */
abstract class ProducerCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  /** A usage error: one line, exit code 2. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The layered configuration with this command's own flags on top. */
  LayeredConfig config(Map<String, String> flags) {
    return common.config(main.env(), flags);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  static void requireRatio(ProducerCommand c, String option, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw c.usage(option + " must be between 0 and 1, was " + value);
    }
  }

  /** Work that stops cleanly when the JVM is asked to exit (Ctrl-C, SIGTERM). */
  @FunctionalInterface
  interface Work {
    int run() throws Exception;
  }

  /**
   * Runs {@code work} in this thread; on Ctrl-C the thread is interrupted and the JVM waits (up to
   * 30 s) for it to flush and return.
   */
  static int interruptibly(Work work) throws Exception {
    Thread worker = Thread.currentThread();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              worker.interrupt();
              try {
                done.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "hopper-producers-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return work.run();
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }
}
