package dev.socagent.elasticsearch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one real, single-node Elasticsearch server in this JVM for development, tests and CI.
 *
 * <p>Arguments: {@code <home-dir> <http-port>}. The home directory holds data and logs; it is created if absent.
 * The process runs until it receives SIGTERM/SIGINT, then closes the node cleanly.
 */
public final class DevElasticsearch {
    private DevElasticsearch() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DevElasticsearch <home-dir> <http-port>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int httpPort = Integer.parseInt(args[1]);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));

        Settings settings = Settings.builder()
            .put("cluster.name", "soc-agent-dev")
            .put("node.name", "dev")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", httpPort + 100)
            .put("discovery.type", "single-node")
            // A dev machine's disk may be nearly full; watermarks would make every index read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.destructive_requires_name", false)
            .build();

        // The server's own logging facade must be bound before any node class loads.
        LogConfigurator.configureESLogging();
        Node node = new ClasspathNode(new Environment(settings, null), List.of(Netty4Plugin.class, DevRestPlugin.class, DevAnalysisPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "dev-elasticsearch-shutdown"));
        node.start();
        System.out.println("dev-elasticsearch started: http://127.0.0.1:" + httpPort);
        stopped.await();
    }
}
