package civic.exchange.registry.server;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /compatibility/subjects/{subject}/versions[/{version}]}: would this schema be accepted? Changes nothing. */
final class CompatibilityResource {

    private final SchemaRegistry registry;

    CompatibilityResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    RestResponse answer(RestRequest r) {
        List<String> p = r.path();
        if ((p.size() == 4 || p.size() == 5) && p.get(1).equals("subjects") && p.get(3).equals("versions")) {
            return r.answer(Map.of("POST", () -> {
                VersionSpec spec = p.size() == 5 ? VersionSpec.parse(r.segment(4)) : null;
                List<String> messages = registry.testCompatibility(r.segment(2), spec, RequestBodies.registerRequest(r));
                ObjectNode result = RegistryRecords.JSON.createObjectNode().put("is_compatible", messages.isEmpty());
                if (r.flag("verbose") && !messages.isEmpty()) {
                    result.set("messages", RegistryRecords.JSON.valueToTree(messages));
                }
                return RestResponse.ok(result);
            }));
        }
        throw RegistryException.notFound();
    }
}
