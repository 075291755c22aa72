package civic.exchange.registry.server;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /mode} and {@code /mode/{subject}}: read-only and read-write modes, global or per subject. */
final class ModeResource {

    private final SchemaRegistry registry;
    private final WriteDispatcher writes;

    ModeResource(SchemaRegistry registry, WriteDispatcher writes) {
        this.registry = registry;
        this.writes = writes;
    }

    RestResponse answer(RestRequest r) {
        String subject = r.subjectOrGlobal();
        Map<String, Supplier<RestResponse>> methods = new HashMap<>(Map.of(
                "GET", () -> RestResponse.ok(ResponseJson.mode(subject == null ? registry.globalMode()
                        : registry.subjectMode(subject, r.flag("defaultToGlobal")))),
                "PUT", () -> writes.write(r, () -> ResponseJson.mode(registry.setMode(subject, RequestBodies.mode(r))))));
        // Deleting a subject's mode falls back to the global one; the global mode has nothing to fall back to.
        if (subject != null) {
            methods.put("DELETE", () -> writes.write(r, () -> ResponseJson.mode(registry.deleteMode(subject))));
        }
        return r.answer(methods);
    }
}
