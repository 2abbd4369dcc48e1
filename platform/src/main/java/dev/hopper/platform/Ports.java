package dev.hopper.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers for services that bind to loopback. */
public final class Ports {

  /** The address every embedded service binds to. */
  public static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** A port that was free a moment ago on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot find a free port on " + LOOPBACK, e);
    }
  }

  /**
   * Fails with a {@link PortInUseException} naming the service when {@code port} cannot be bound on
   * 127.0.0.1; a port of 0 is always fine.
   */
  public static void checkAvailable(String service, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
    } catch (IOException e) {
      throw new PortInUseException(service, port);
    }
  }

  /** Resolves 0 to a free port, otherwise checks the port is free. */
  public static int resolve(String service, int port) {
    if (port == 0) {
      return freePort();
    }
    checkAvailable(service, port);
    return port;
  }
}
