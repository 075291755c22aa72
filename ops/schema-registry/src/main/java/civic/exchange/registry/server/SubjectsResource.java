package civic.exchange.registry.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import civic.exchange.registry.server.RegistryState.Filter;

/** {@code /subjects}: the versions of each subject; registrations and deletes are writes. */
final class SubjectsResource {

    private static final ObjectMapper JSON = RegistryRecords.JSON;

    private final SchemaRegistry registry;
    private final WriteDispatcher writes;

    SubjectsResource(SchemaRegistry registry, WriteDispatcher writes) {
        this.registry = registry;
        this.writes = writes;
    }

    RestResponse answer(RestRequest r) {
        List<String> p = r.path();
        if (p.size() == 1) {
            return r.answer(Map.of("GET", () -> RestResponse.ok(JSON.valueToTree(r.page(registry.subjects(
                    r.query().get("subjectPrefix"), Filter.of(r.flag("deleted"), r.flag("deletedOnly"))))))));
        }
        String subject = r.segment(1);
        if (p.size() == 2) {
            return r.answer(Map.of(
                    "POST", () -> RestResponse.ok(ResponseJson.version(registry.lookup(subject,
                            RequestBodies.registerRequest(r), r.flag("deleted")))),
                    "DELETE", () -> writes.write(r, () -> JSON.valueToTree(
                            registry.deleteSubject(subject, r.flag("permanent"))))));
        }
        if (!p.get(2).equals("versions")) {
            throw RegistryException.notFound();
        }
        if (p.size() == 3) {
            return r.answer(Map.of(
                    "GET", () -> RestResponse.ok(JSON.valueToTree(registry.versions(subject,
                            Filter.of(r.flag("deleted"), r.flag("deletedOnly"))))),
                    "POST", () -> register(r, subject)));
        }
        String version = r.segment(3);
        if (p.size() == 4) {
            return r.answer(Map.of(
                    "GET", () -> RestResponse.ok(ResponseJson.version(registry.version(subject,
                            VersionSpec.parse(version), r.flag("deleted")))),
                    "DELETE", () -> writes.write(r, () -> JSON.getNodeFactory().numberNode(
                            registry.deleteVersion(subject, version, r.flag("permanent"))))));
        }
        if (p.size() == 5 && p.get(4).equals("schema")) {
            return r.answer(Map.of("GET", () -> RestResponse.ok(registry.version(subject, VersionSpec.parse(version),
                    r.flag("deleted")).schema())));
        }
        if (p.size() == 5 && p.get(4).equals("referencedby")) {
            return r.answer(Map.of("GET", () -> RestResponse.ok(JSON.valueToTree(
                    registry.referencedBy(subject, VersionSpec.parse(version))))));
        }
        throw RegistryException.notFound();
    }

    /** Registering a schema the subject already has is answered by any instance, as Confluent's followers do. */
    private RestResponse register(RestRequest r, String subject) {
        SchemaRegistry.RegisterRequest request = RequestBodies.registerRequest(r);
        Optional<Integer> existing = registry.registeredId(subject, request);
        if (existing.isPresent()) {
            return RestResponse.ok(JSON.createObjectNode().put("id", existing.get()));
        }
        return writes.write(r, () -> JSON.createObjectNode().put("id", registry.register(subject, request)));
    }
}
