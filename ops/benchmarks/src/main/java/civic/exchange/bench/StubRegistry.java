package civic.exchange.bench;

import civic.exchange.registry.HttpSchemaRegistryClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Just enough of Confluent's REST API over real HTTP (register, get by id) to count the requests the
 * serdes make; the project's full registry needs a broker, which would only add noise here.
 */
final class StubRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    private StubRegistry(HttpServer server) {
        this.server = server;
    }

    static StubRegistry start() throws IOException {
        StubRegistry stub = new StubRegistry(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        stub.server.createContext("/", exchange -> {
            stub.requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            ObjectNode answer = JSON.createObjectNode();
            if (exchange.getRequestMethod().equals("POST") && path.endsWith("/versions")) {
                String schema = JSON.readTree(exchange.getRequestBody()).get("schema").asText();
                int id = stub.ids.computeIfAbsent(schema, s -> stub.nextId.getAndIncrement());
                stub.schemas.put(id, schema);
                answer.put("id", id);
            } else if (path.startsWith("/schemas/ids/")) {
                answer.put("schema", stub.schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length()))));
            }
            byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.server.start();
        return stub;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
