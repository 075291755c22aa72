package civic.exchange.standardizer.redrive;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import java.util.Arrays;
import java.util.Optional;

/**
 * What to re-drive: the DLQ records of one dataset, all or those of one error code.
 *
 * @param dataset   the catalog dataset whose raw topic the records go back to
 * @param errorCode only records rejected with this code; empty: every code
 * @param dryRun    count what would be re-driven, send nothing, move no progress
 */
public record RedriveRequest(Dataset dataset, Optional<ErrorCode> errorCode, boolean dryRun) {

    /**
     * Checks a request as an operator writes it (query parameters).
     *
     * @throws RecordRejectedException MISSING_REQUIRED_FIELD, INVALID_VALUE, UNKNOWN_DATASET, with the field at fault
     */
    public static RedriveRequest parse(ExchangeCatalog catalog, String dataset, String errorCode, String dryRun) {
        if (dataset == null || dataset.isBlank()) {
            throw new RecordRejectedException(ErrorCode.MISSING_REQUIRED_FIELD, "dataset",
                    "dataset is required: the catalog dataset whose DLQ records to re-drive, e.g. lighting/streetlights");
        }
        String[] parts = dataset.trim().split("/", -1);
        if (parts.length != 2) {
            throw new RecordRejectedException(ErrorCode.INVALID_VALUE, "dataset",
                    "dataset is '<department>/<dataset>', not '" + dataset + "'");
        }
        Dataset found = catalog.dataset(parts[0], parts[1]).orElseThrow(() -> new RecordRejectedException(
                ErrorCode.UNKNOWN_DATASET, "dataset", "'" + dataset + "' is not a dataset of the exchange catalog"));
        Optional<ErrorCode> code = Optional.empty();
        if (errorCode != null && !errorCode.isBlank()) {
            try {
                code = Optional.of(ErrorCode.valueOf(errorCode.trim()));
            } catch (IllegalArgumentException e) {
                throw new RecordRejectedException(ErrorCode.INVALID_VALUE, "errorCode", "'" + errorCode
                        + "' is not an error code (codes: " + String.join(", ", Arrays.stream(ErrorCode.values()).map(Enum::name).toList()) + ")");
            }
        }
        boolean dry = false;
        if (dryRun != null && !dryRun.isBlank()) {
            if (!dryRun.equals("true") && !dryRun.equals("false")) {
                throw new RecordRejectedException(ErrorCode.INVALID_VALUE, "dryRun", "dryRun is true or false, not '" + dryRun + "'");
            }
            dry = Boolean.parseBoolean(dryRun);
        }
        return new RedriveRequest(found, code, dry);
    }
}
