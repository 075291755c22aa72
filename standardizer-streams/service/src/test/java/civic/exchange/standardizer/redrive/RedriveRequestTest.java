package civic.exchange.standardizer.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import org.junit.jupiter.api.Test;

class RedriveRequestTest {

    private static final ExchangeCatalog CATALOG = ExchangeCatalog.load("classpath:" + ExchangeCatalog.DEFAULT_RESOURCE);

    @Test
    void aRequestNamesACatalogDatasetAndOptionallyACode() {
        RedriveRequest request = RedriveRequest.parse(CATALOG, "lighting/streetlights", "UNKNOWN_CODE", null);
        assertThat(request.dataset().rawTopic()).isEqualTo("raw.lighting.streetlights");
        assertThat(request.errorCode()).contains(ErrorCode.UNKNOWN_CODE);
        assertThat(request.dryRun()).isFalse();

        RedriveRequest all = RedriveRequest.parse(CATALOG, "parks/trees", "", "true");
        assertThat(all.errorCode()).isEmpty();
        assertThat(all.dryRun()).isTrue();
    }

    @Test
    void badRequestsAreRefusedWithTheFieldAndTheReason() {
        assertRefused(null, null, null, ErrorCode.MISSING_REQUIRED_FIELD, "dataset", "dataset is required");
        assertRefused("streetlights", null, null, ErrorCode.INVALID_VALUE, "dataset", "'<department>/<dataset>'");
        assertRefused("lighting/lamps", null, null, ErrorCode.UNKNOWN_DATASET, "dataset", "not a dataset of the exchange catalog");
        assertRefused("lighting/streetlights", "UNKNOWN", null, ErrorCode.INVALID_VALUE, "errorCode", "UNKNOWN_CODE, OUT_OF_RANGE");
        assertRefused("lighting/streetlights", null, "yes", ErrorCode.INVALID_VALUE, "dryRun", "true or false");
    }

    private static void assertRefused(String dataset, String code, String dryRun, ErrorCode expected, String field, String reason) {
        assertThatThrownBy(() -> RedriveRequest.parse(CATALOG, dataset, code, dryRun))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(expected);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
