package civic.exchange.registry.server;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /schemas}: schemas by global id, and all schemas. Reads only, so any instance answers. */
final class SchemasResource {

    private static final ObjectMapper JSON = RegistryRecords.JSON;

    private final SchemaRegistry registry;

    SchemasResource(SchemaRegistry registry) {
        this.registry = registry;
    }

    RestResponse answer(RestRequest r) {
        List<String> p = r.path();
        if (p.size() == 1) {
            return r.answer(Map.of("GET", () -> RestResponse.ok(JSON.valueToTree(r.page(registry.schemas(
                    r.query().get("subjectPrefix"), r.flag("deleted"), r.flag("latestOnly")).stream()
                    .map(ResponseJson::version).toList())))));
        }
        if (p.size() == 2 && p.get(1).equals("types")) {
            return r.answer(Map.of("GET", () -> RestResponse.ok(JSON.valueToTree(registry.schemaTypes()))));
        }
        if (p.size() >= 3 && p.size() <= 4 && p.get(1).equals("ids")) {
            Integer id = parseIntOrNull(p.get(2));
            if (id == null) {
                throw RegistryException.notFound(); // Confluent's integer path parameter: anything else is no route
            }
            if (p.size() == 3) {
                return r.answer(Map.of("GET", () -> {
                    ObjectNode node = ResponseJson.schema(registry.schemaById(id));
                    if (r.flag("fetchMaxId")) {
                        node.put("maxId", registry.maxId());
                    }
                    return RestResponse.ok(node);
                }));
            }
            switch (p.get(3)) {
                case "schema":
                    return r.answer(Map.of("GET", () -> RestResponse.ok(registry.schemaById(id).schema())));
                case "subjects":
                    return r.answer(Map.of("GET",
                            () -> RestResponse.ok(JSON.valueToTree(registry.subjectsForId(id, r.flag("deleted"))))));
                case "versions":
                    return r.answer(Map.of("GET", () -> {
                        ArrayNode array = JSON.createArrayNode();
                        for (SchemaVersion version : registry.versionsForId(id, r.flag("deleted"))) {
                            array.addObject().put("subject", version.subject()).put("version", version.version());
                        }
                        return RestResponse.ok(array);
                    }));
                default:
                    break;
            }
        }
        throw RegistryException.notFound();
    }

    private static Integer parseIntOrNull(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
