package civic.exchange.registry.conformance;

import static civic.exchange.registry.conformance.Registry.assertError;
import static civic.exchange.registry.conformance.Registry.body;
import static civic.exchange.registry.conformance.Registry.delete;
import static civic.exchange.registry.conformance.Registry.enc;
import static civic.exchange.registry.conformance.Registry.field;
import static civic.exchange.registry.conformance.Registry.get;
import static civic.exchange.registry.conformance.Registry.ints;
import static civic.exchange.registry.conformance.Registry.ok;
import static civic.exchange.registry.conformance.Registry.optional;
import static civic.exchange.registry.conformance.Registry.post;
import static civic.exchange.registry.conformance.Registry.record;
import static civic.exchange.registry.conformance.Registry.register;
import static civic.exchange.registry.conformance.Registry.strings;
import static civic.exchange.registry.conformance.Registry.subject;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Soft and hard deletes ("Schema Deletion Guidelines"): a soft delete hides versions but keeps their ids readable;
 * a hard delete ({@code ?permanent=true}) is only allowed after a soft one.
 */
@DisplayName("Deleting subjects and versions")
class DeletionIT {

    private static final String LAMP = record("Lamp", field("watts", "int"));
    private static final String LAMP_V2 = record("Lamp", field("watts", "int"), optional("colour"));

    private static String path(String subject) {
        return "/subjects/" + enc(subject);
    }

    @Test
    @DisplayName("DELETE /subjects/{subject} 'Returns list of schema versions deleted'; the subject is then not found")
    void softDeleteSubject() {
        String subject = subject("soft");
        register(subject, LAMP);
        register(subject, LAMP_V2);

        assertThat(ints(ok(delete(path(subject))))).containsExactly(1, 2);

        assertError(get(path(subject) + "/versions"), 404, 40401, "Subject '" + subject + "' not found.");
        assertError(get(path(subject) + "/versions/latest"), 404, 40401, null);
        assertThat(strings(ok(get("/subjects")))).doesNotContain(subject);
    }

    @Test
    @DisplayName("Soft-deleted subjects and versions are listed with ?deleted=true")
    void softDeletedAreListedOnRequest() {
        String subject = subject("soft-listed");
        register(subject, LAMP);
        ok(delete(path(subject)));

        assertThat(strings(ok(get("/subjects?deleted=true")))).contains(subject);
        assertThat(ints(ok(get(path(subject) + "/versions?deleted=true")))).containsExactly(1);
        assertThat(ok(get(path(subject) + "/versions/1?deleted=true")).get("version").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("'On a soft delete, the API only deletes the version and the underlying schema ID would still be available'")
    void softDeletedIdStillResolves() {
        String subject = subject("soft-id");
        int id = register(subject, LAMP);
        ok(delete(path(subject)));

        assertThat(ok(get("/schemas/ids/" + id)).get("schema").asText()).contains("Lamp");
    }

    @Test
    @DisplayName("40404 'Subject was soft deleted. Set permanent=true to delete permanently'")
    void softDeletingTwiceIs40404() {
        String subject = subject("soft-twice");
        register(subject, LAMP);
        ok(delete(path(subject)));

        assertError(delete(path(subject)), 404, 40404,
                "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    }

    @Test
    @DisplayName("40405 'Subject not soft-deleted': ?permanent=true requires a soft delete first")
    void hardDeleteFirstIs40405() {
        String subject = subject("hard-first");
        register(subject, LAMP);

        assertError(delete(path(subject) + "?permanent=true"), 404, 40405,
                "Subject '" + subject + "' was not deleted first before being permanently deleted");
        assertThat(ints(ok(get(path(subject) + "/versions")))).containsExactly(1);
    }

    @Test
    @DisplayName("'You must first soft delete the schema, then hard delete it': the versions are gone, even with ?deleted=true")
    void hardDeleteAfterSoftDelete() {
        String subject = subject("hard");
        register(subject, LAMP);
        register(subject, LAMP_V2);
        ok(delete(path(subject)));

        assertThat(ints(ok(delete(path(subject) + "?permanent=true")))).containsExactly(1, 2);

        assertError(get(path(subject) + "/versions?deleted=true"), 404, 40401, null);
        assertThat(strings(ok(get("/subjects?deleted=true")))).doesNotContain(subject);
        assertError(delete(path(subject)), 404, 40401, null);
    }

    @Test
    @DisplayName("Unknown subject: DELETE answers 40401")
    void deletingAnUnknownSubjectIs40401() {
        String subject = subject("delete-nobody");

        assertError(delete(path(subject)), 404, 40401, "Subject '" + subject + "' not found.");
        assertError(delete(path(subject) + "/versions/1"), 404, 40401, null);
    }

    @Test
    @DisplayName("Registering a soft-deleted schema again revives it: same id, a new version number")
    void reRegisteringAfterSoftDelete() {
        String subject = subject("revive");
        int id = register(subject, LAMP);
        ok(delete(path(subject)));

        assertThat(register(subject, LAMP)).isEqualTo(id);

        assertThat(ints(ok(get(path(subject) + "/versions")))).containsExactly(2);
        assertThat(ok(get(path(subject) + "/versions/latest")).get("id").asInt()).isEqualTo(id);
    }

    @Test
    @DisplayName("DELETE /subjects/{subject}/versions/{version} 'Returns the schema version'; the version is then 40402")
    void softDeleteVersion() {
        String subject = subject("version-soft");
        register(subject, LAMP);
        register(subject, LAMP_V2);

        assertThat(ok(delete(path(subject) + "/versions/1")).asInt()).isEqualTo(1);

        assertThat(ints(ok(get(path(subject) + "/versions")))).containsExactly(2);
        assertError(get(path(subject) + "/versions/1"), 404, 40402, "Version 1 not found.");
        assertThat(ok(get(path(subject) + "/versions/1?deleted=true")).get("version").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("DELETE .../versions/latest deletes 'the most recently registered schema'")
    void deleteLatestVersion() {
        String subject = subject("version-latest");
        register(subject, LAMP);
        register(subject, LAMP_V2);

        assertThat(ok(delete(path(subject) + "/versions/latest")).asInt()).isEqualTo(2);
        assertThat(ok(get(path(subject) + "/versions/latest")).get("version").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("40406 'Version was soft deleted. Set permanent=true to delete permanently'")
    void softDeletingAVersionTwiceIs40406() {
        String subject = subject("version-twice");
        register(subject, LAMP);
        register(subject, LAMP_V2);
        ok(delete(path(subject) + "/versions/1"));

        assertError(delete(path(subject) + "/versions/1"), 404, 40406,
                "Subject '" + subject + "' Version 1 was soft deleted.Set permanent=true to delete permanently");
    }

    @Test
    @DisplayName("40407 'Version not soft-deleted': a version is hard-deleted only after a soft delete")
    void hardDeletingALiveVersionIs40407() {
        String subject = subject("version-hard");
        register(subject, LAMP);
        register(subject, LAMP_V2);

        assertError(delete(path(subject) + "/versions/1?permanent=true"), 404, 40407,
                "Subject '" + subject + "' Version 1 was not deleted first before being permanently deleted");

        ok(delete(path(subject) + "/versions/1"));
        assertThat(ok(delete(path(subject) + "/versions/1?permanent=true")).asInt()).isEqualTo(1);
        assertThat(ints(ok(get(path(subject) + "/versions?deleted=true")))).containsExactly(2);
    }

    @Test
    @DisplayName("DELETE of a missing version: 40402; of an invalid version: 42202")
    void deletingMissingOrInvalidVersions() {
        String subject = subject("version-missing");
        register(subject, LAMP);

        assertError(delete(path(subject) + "/versions/7"), 404, 40402, "Version 7 not found.");
        assertError(delete(path(subject) + "/versions/zero"), 422, 42202, null);
    }

    @Test
    @DisplayName("POST /subjects/{subject}?deleted=true finds a schema in a soft-deleted version")
    void lookupOfSoftDeleted() {
        String subject = subject("lookup-deleted");
        register(subject, LAMP);
        ok(delete(path(subject)));

        assertError(post(path(subject), body(LAMP)), 404, 40401, null);
        assertThat(ok(post(path(subject) + "?deleted=true", body(LAMP))).get("version").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("GET /schemas/ids/{id}/subjects hides soft-deleted subject versions unless ?deleted=true")
    void subjectsOfAnIdAfterSoftDelete() {
        String kept = subject("id-kept");
        String dropped = subject("id-dropped");
        String schema = record(Registry.uniqueName("LampShared"), field("watts", "int"));
        int id = register(kept, schema);
        register(dropped, schema);
        ok(delete(path(dropped)));

        assertThat(strings(ok(get("/schemas/ids/" + id + "/subjects")))).containsExactly(kept);
        assertThat(strings(ok(get("/schemas/ids/" + id + "/subjects?deleted=true")))).containsExactlyInAnyOrder(kept, dropped);
    }
}
