package civic.exchange.registry.server;

import java.util.List;
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
        List<String> p = r.path();
        if (p.size() > 2) {
            throw RegistryException.notFound();
        }
        String subject = p.size() == 2 ? r.segment(1) : null;
        return r.answer(Map.of(
                "GET", () -> RestResponse.ok(ResponseJson.level(subject == null ? registry.globalLevel()
                        : registry.subjectLevel(subject, r.flag("defaultToGlobal")))),
                // Confluent answers a PUT with "compatibility", a GET or DELETE with "compatibilityLevel".
                "PUT", () -> writes.write(r, () -> RegistryRecords.JSON.createObjectNode()
                        .put("compatibility", registry.setLevel(subject, RequestBodies.compatibilityLevel(r)).name())),
                "DELETE", () -> writes.write(r, () -> ResponseJson.level(registry.deleteLevel(subject)))));
    }
}
