package civic.exchange.registry.server;

import java.util.Map;

/** {@code /config} and {@code /config/{subject}}: compatibility levels, global or per subject. */
final class ConfigResource {

    private final SchemaRegistry registry;
    private final WriteDispatcher writes;

    ConfigResource(SchemaRegistry registry, WriteDispatcher writes) {
        this.registry = registry;
        this.writes = writes;
    }

    RestResponse answer(RestRequest r) {
        String subject = r.subjectOrGlobal();
        return r.answer(Map.of(
                "GET", () -> RestResponse.ok(ResponseJson.level(subject == null ? registry.globalLevel()
                        : registry.subjectLevel(subject, r.flag("defaultToGlobal")))),
                // Confluent answers a PUT with "compatibility", a GET or DELETE with "compatibilityLevel".
                "PUT", () -> writes.write(r, () -> RegistryRecords.JSON.createObjectNode()
                        .put("compatibility", registry.setLevel(subject, RequestBodies.compatibilityLevel(r)).name())),
                "DELETE", () -> writes.write(r, () -> ResponseJson.level(registry.deleteLevel(subject)))));
    }
}
