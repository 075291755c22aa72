package civic.exchange.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Confluent's REST API over {@link SchemaRegistry}, as the JDK HTTP server calls it: reads the request, negotiates
 * the answer's media type ({@link ContentNegotiation}), lets {@link RestRouter} answer, and turns every error into
 * Confluent's error body, so that a client never sees a bare stack trace or an HTML page.
 */
final class RestHandler implements HttpHandler {

    /** The registry's own media type, answered unless the client asks for another. */
    static final String CONTENT_TYPE = ContentNegotiation.SCHEMA_REGISTRY_V1_JSON;
    private static final System.Logger LOG = System.getLogger(RestHandler.class.getName());
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT");

    private final RestRouter router;

    RestHandler(SchemaRegistry registry, LeaderElector elector, KafkaStore store, WriteForwarder forwarder) {
        this.router = new RestRouter(registry, new WriteDispatcher(elector, store, forwarder));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        RestResponse response;
        String responseType = CONTENT_TYPE;
        try (InputStream in = exchange.getRequestBody()) {
            RestRequest request = RestRequest.read(exchange, in);
            responseType = ContentNegotiation.negotiate(exchange.getRequestHeaders().get("Accept"));
            if (request.body().length > 0 || METHODS_WITH_BODY.contains(request.method())) {
                ContentNegotiation.checkRequestType(request.contentType());
            }
            response = router.route(request);
        } catch (RegistryException e) {
            response = RestResponse.error(e);
        } catch (RuntimeException e) {
            // Anything the routes did not foresee is Confluent's generic 50001; the stack trace stays in the log.
            LOG.log(Level.ERROR, "Unexpected error answering " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI(), e);
            response = new RestResponse(500, ResponseJson.error(50001, "Error in the backend data store: " + e), Map.of());
        }
        response.send(exchange, responseType);
    }
}
