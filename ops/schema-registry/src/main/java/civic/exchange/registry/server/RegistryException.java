package civic.exchange.registry.server;

import java.util.List;

/**
 * An error answered to the client as Confluent does: an HTTP status plus
 * {@code {"error_code": N, "message": "..."}}. Clients (Confluent's serdes among them) branch on
 * {@code error_code}, so the codes and texts follow Confluent's ({@code io.confluent.kafka.schemaregistry.rest.exceptions.Errors}).
 */
final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final int errorCode;

    RegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    RegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    // ---- 404 ----

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(404, 40404, "Subject '" + subject + "' was soft deleted."
                + "Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(404, 40405, "Subject '" + subject + "' was not deleted "
                + "first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, String version) {
        return new RegistryException(404, 40406, "Subject '" + subject + "' Version " + version + " was soft deleted."
                + "Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(404, 40407, "Subject '" + subject + "' Version " + version + " was not deleted "
                + "first before being permanently deleted");
    }

    static RegistryException subjectLevelCompatibilityNotConfigured(String subject) {
        return new RegistryException(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException subjectLevelModeNotConfigured(String subject) {
        return new RegistryException(404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
    }

    // ---- 409 ----

    static RegistryException incompatibleSchema(String subject, List<String> details) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + details);
    }

    // ---- 422 ----

    static RegistryException invalidSchema(String message) {
        return new RegistryException(422, 42201, message);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException invalidMode() {
        return new RegistryException(422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, "
                + "READONLY_OVERRIDE, and IMPORT.");
    }

    static RegistryException operationNotPermitted(String message) {
        return new RegistryException(422, 42205, message);
    }

    static RegistryException readOnly(String subject) {
        return operationNotPermitted("Subject " + subject + " is in read-only mode");
    }

    static RegistryException referenceExists(String subject, int version) {
        return new RegistryException(422, 42206, "One or more references exist to the schema {magic=1,keytype=SCHEMA,"
                + "subject=" + subject + ",version=" + version + "}.");
    }

    static RegistryException invalidSubject(String subject) {
        return new RegistryException(422, 42208, "The specified subject '" + subject + "' is not a valid.");
    }

    // ---- transport ----

    static RegistryException badRequest(String message) {
        return new RegistryException(400, 400, message);
    }

    static RegistryException notFound() {
        return new RegistryException(404, 404, "HTTP 404 Not Found");
    }

    static RegistryException methodNotAllowed() {
        return new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
    }

    static RegistryException notAcceptable() {
        return new RegistryException(406, 406, "HTTP 406 Not Acceptable");
    }

    static RegistryException unsupportedMediaType() {
        return new RegistryException(415, 415, "HTTP 415 Unsupported Media Type");
    }

    // ---- 500 ----

    static RegistryException storeError(String message, Throwable cause) {
        return new RegistryException(500, 50001, message, cause);
    }

    static RegistryException timeout(String message) {
        return new RegistryException(500, 50002, message);
    }

    static RegistryException forwardingFailed(String message, Throwable cause) {
        return new RegistryException(500, 50003, message, cause);
    }

    static RegistryException unknownLeader() {
        return new RegistryException(500, 50004, "Leader not known.");
    }

    /** This instance was asked to write but does not lead (any more): the caller re-dispatches or answers 50004. */
    static RegistryException notLeader() {
        return new RegistryException(500, 50004, "Leader not known.");
    }

    boolean isNotLeader() {
        return errorCode == 50004;
    }
}
