package dev.hopper.platform.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.hopper.platform.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1: in memory for tests, or backed
 * by an H2 MVStore file so documents survive a restart. It speaks enough of the protocol for the
 * official driver and the MongoDB Kafka sink; it has no sessions or transactions.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);

  private final MongoServer server;
  private final int port;
  private final Path file;

  private EmbeddedMongo(MongoServer server, int port, Path file) {
    this.server = server;
    this.port = port;
    this.file = file;
  }

  /**
   * Starts the server on {@code port} (0 for a free one). With a non-null {@code file}, documents
   * are kept in that H2 MVStore file; otherwise in memory.
   */
  public static EmbeddedMongo start(int port, Path file) {
    int resolved = Ports.resolve("MongoDB", port);
    MongoBackend backend;
    if (file == null) {
      backend = new MemoryBackend();
    } else {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create MongoDB data directory for " + file, e);
      }
      backend = new H2Backend(file.toAbsolutePath().toString());
    }
    MongoServer server = new MongoServer(backend);
    try {
      server.bind(Ports.LOOPBACK, resolved);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    LOG.info(
        "MongoDB wire server listening on {}:{} ({})",
        Ports.LOOPBACK,
        resolved,
        file == null ? "in memory" : "file " + file);
    return new EmbeddedMongo(server, resolved, file);
  }

  /** The connection string for drivers and the sink connector. */
  public String uri() {
    return "mongodb://" + Ports.LOOPBACK + ":" + port;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** Whether documents are kept in a file. */
  public boolean isPersistent() {
    return file != null;
  }

  /** Closes client connections and the backend, flushing the file store. */
  @Override
  public void close() {
    server.shutdownNow();
  }
}
