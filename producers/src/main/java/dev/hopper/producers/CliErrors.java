package dev.hopper.producers;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one-line reason a user sees (never a stack trace). */
final class CliErrors {
  private CliErrors() {}

  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException f) {
      return "file not found: " + f.getFile();
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (e instanceof InterruptedException) {
      return "interrupted";
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable cause = e.getCause();
      return cause != null && cause != e ? describe(cause) : e.getClass().getSimpleName();
    }
    return m.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
