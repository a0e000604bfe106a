package org.pledgegraph.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.kernel.internal.Version;

/**
 * Starts Neo4j Community in this process on 127.0.0.1: Bolt, and HTTP with the Neo4j Browser at
 * /browser/ when its jar is on the class path. Authentication is on, for user neo4j with the
 * password in NEO4J_PASSWORD. Prints one JSON line with the addresses when ready, then runs until
 * standard input closes or the process is told to stop (SIGTERM, SIGINT); the database folder,
 * made under --home, is deleted on the way out.
 *
 * <p>Options: --home DIR (default .), --bolt-port N and --http-port N (default 0: any free port),
 * --copy-from DIR (a Neo4j home whose data/ folder holds databases/neo4j and transactions/neo4j,
 * for example one written by the import tool).
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(".");
    int boltPort = 0;
    int httpPort = 0;
    Path copyFrom = null;
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        usage("option " + args[i] + " needs a value");
      }
      String value = args[i + 1];
      switch (args[i]) {
        case "--home" -> home = Path.of(value);
        case "--bolt-port" -> boltPort = Integer.parseInt(value);
        case "--http-port" -> httpPort = Integer.parseInt(value);
        case "--copy-from" -> copyFrom = Path.of(value);
        default -> usage("unknown option " + args[i]);
      }
    }
    String password = System.getenv("NEO4J_PASSWORD");
    if (password == null || password.length() < 8) {
      usage("set NEO4J_PASSWORD to a password of at least 8 characters");
    }
    Files.createDirectories(home);
    // Ports are chosen before start so that the advertised Bolt address (which the Browser reads
    // from the discovery document) is the real one.
    boltPort = boltPort == 0 ? freePort() : boltPort;
    httpPort = httpPort == 0 ? freePort() : httpPort;

    Neo4jBuilder builder =
        Neo4jBuilders.newInProcessBuilder(home)
            .withConfig(GraphDatabaseSettings.auth_enabled, true)
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
            .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
            .withConfig(HttpConnector.enabled, true)
            .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
            .withConfig(GraphDatabaseSettings.pagecache_memory, 64L * 1024 * 1024)
            .withConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
            // Stop in a second, not after Netty's default quiet period of several seconds.
            .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2));
    if (copyFrom != null) {
      builder = builder.copyFrom(copyFrom);
    }
    Neo4j neo4j = builder.build();
    neo4j
        .databaseManagementService()
        .database("system")
        .executeTransactionally(
            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
            Map.of("password", password));

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  neo4j.close();
                  stopped.countDown();
                }));
    System.out.printf(
        "{\"bolt\": \"bolt://127.0.0.1:%d\", \"http\": \"http://127.0.0.1:%d\", \"version\": \"%s\"}%n",
        neo4j.boltURI().getPort(),
        neo4j.httpURI().getPort(),
        Version.getNeo4jVersion());
    System.out.flush();

    InputStream in = System.in;
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // Anything written is ignored: the server stops when its standard input closes.
      }
    } catch (IOException ignored) {
      // A closed or broken standard input means the same.
    }
    System.exit(0); // runs the shutdown hook, which closes Neo4j and deletes its folder
    stopped.await();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void usage(String problem) {
    System.err.println("local-neo4j: " + problem);
    System.err.println(
        "usage: NEO4J_PASSWORD=... java -cp ... org.pledgegraph.neo4j.LocalNeo4j"
            + " [--home DIR] [--bolt-port N] [--http-port N] [--copy-from DIR]");
    System.exit(2);
  }
}
