package dev.hopper.platform;

/** A service's port is taken by another process; the message is one line a user can act on. */
public final class PortInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final int port;

  /** The {@code port} wanted by {@code service} is already in use. */
  public PortInUseException(String service, int port) {
    super(
        "Port "
            + port
            + " ("
            + service
            + ") is already in use on "
            + Ports.LOOPBACK
            + ": stop the process holding it, or choose another port");
    this.service = service;
    this.port = port;
  }

  /** The service that could not bind. */
  public String service() {
    return service;
  }

  /** The port that is taken. */
  public int port() {
    return port;
  }
}
