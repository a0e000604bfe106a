package org.pledgegraph.neo4j;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.kernel.internal.Version;

/**
 * Starts a Neo4j 4.4 server in this process, Bolt only, on 127.0.0.1 (authentication off, as the
 * harness sets it). Prints one JSON line when ready and stops when standard input closes. Usage:
 * java -cp ... org.pledgegraph.neo4j.LegacyNeo4j --home DIR
 */
public final class LegacyNeo4j {
  private LegacyNeo4j() {}

  public static void main(String[] args) throws Exception {
    Path home = args.length == 2 && args[0].equals("--home") ? Path.of(args[1]) : Path.of(".");
    Files.createDirectories(home);
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Neo4j neo4j =
        Neo4jBuilders.newInProcessBuilder(home)
            .withDisabledServer()
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .build();
    Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
    System.out.printf(
        "{\"bolt\": \"bolt://127.0.0.1:%d\", \"http\": \"\", \"version\": \"%s\"}%n",
        port, Version.getNeo4jVersion());
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // ignored: the server stops when its standard input closes
      }
    } catch (IOException ignored) {
      // the same
    }
    System.exit(0);
  }
}
