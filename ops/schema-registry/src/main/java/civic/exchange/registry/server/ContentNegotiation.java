package civic.exchange.registry.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Confluent's media types and how its JAX-RS server picks among them, so that clients which send or expect a
 * particular type (Confluent's serdes, curl, browsers) get exactly what Confluent's registry would give them.
 */
final class ContentNegotiation {

    static final String SCHEMA_REGISTRY_V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String SCHEMA_REGISTRY_JSON = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    private static final Set<String> ACCEPTED_REQUEST_TYPES = Set.of(SCHEMA_REGISTRY_V1_JSON, SCHEMA_REGISTRY_JSON,
            JSON, OCTET_STREAM);
    /** What the server produces, best first, with Confluent's server-side quality ({@code qs}). */
    private static final Map<String, Double> PRODUCED = new LinkedHashMap<>();

    static {
        PRODUCED.put(SCHEMA_REGISTRY_V1_JSON, 1.0);
        PRODUCED.put(SCHEMA_REGISTRY_JSON, 0.9);
        PRODUCED.put(JSON, 0.5);
    }

    private ContentNegotiation() {
    }

    /**
     * JAX-RS content negotiation as Confluent's server does it: the client's quality first, then the server's
     * ({@code vnd.schemaregistry.v1+json} 1.0, {@code vnd.schemaregistry+json} 0.9, {@code json} 0.5).
     */
    static String negotiate(List<String> acceptHeaders) {
        if (acceptHeaders == null || acceptHeaders.isEmpty()) {
            return SCHEMA_REGISTRY_V1_JSON;
        }
        String chosen = null;
        double bestClient = 0;
        double bestServer = 0;
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                String[] parts = range.trim().split(";");
                String type = parts[0].trim().toLowerCase(Locale.ROOT);
                if (type.isEmpty()) {
                    continue;
                }
                double client = 1.0;
                for (int i = 1; i < parts.length; i++) {
                    String parameter = parts[i].trim();
                    if (parameter.startsWith("q=")) {
                        try {
                            client = Double.parseDouble(parameter.substring(2));
                        } catch (NumberFormatException e) {
                            client = 0;
                        }
                    }
                }
                if (client <= 0) {
                    continue;
                }
                for (Map.Entry<String, Double> produced : PRODUCED.entrySet()) {
                    if (matches(type, produced.getKey())
                            && (client > bestClient || (client == bestClient && produced.getValue() > bestServer))) {
                        chosen = produced.getKey();
                        bestClient = client;
                        bestServer = produced.getValue();
                    }
                }
            }
        }
        if (chosen == null) {
            throw RegistryException.notAcceptable();
        }
        return chosen;
    }

    /** A request body may come in any type Confluent's server consumes, or untyped; anything else is 415 as there. */
    static void checkRequestType(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_REQUEST_TYPES.contains(type)) {
            throw RegistryException.unsupportedMediaType();
        }
    }

    private static boolean matches(String range, String type) {
        return range.equals("*/*") || range.equals("*") || range.equals(type)
                || (range.endsWith("/*") && type.startsWith(range.substring(0, range.length() - 1)));
    }
}
