package civic.exchange.registry.server;

import java.util.List;
import java.util.Map;

/**
 * Confluent's route table, split by the first path segment as Confluent's own resources are. Any path no resource
 * knows answers 404, as Confluent's JAX-RS server does.
 */
final class RestRouter {

    private final SchemasResource schemas;
    private final SubjectsResource subjects;
    private final ConfigResource config;
    private final ModeResource mode;
    private final CompatibilityResource compatibility;

    RestRouter(SchemaRegistry registry, WriteDispatcher writes) {
        this.schemas = new SchemasResource(registry);
        this.subjects = new SubjectsResource(registry, writes);
        this.config = new ConfigResource(registry, writes);
        this.mode = new ModeResource(registry, writes);
        this.compatibility = new CompatibilityResource(registry);
    }

    RestResponse route(RestRequest r) {
        List<String> p = r.path();
        String first = p.isEmpty() ? "" : p.get(0);
        return switch (first) {
            case "" -> r.answer(Map.of("GET", () -> RestResponse.ok(RegistryRecords.JSON.createObjectNode())));
            case "schemas" -> schemas.answer(r);
            case "subjects" -> subjects.answer(r);
            case "config" -> config.answer(r);
            case "mode" -> mode.answer(r);
            case "compatibility" -> compatibility.answer(r);
            default -> throw RegistryException.notFound();
        };
    }
}
