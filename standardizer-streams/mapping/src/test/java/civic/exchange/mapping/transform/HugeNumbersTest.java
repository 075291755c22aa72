package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.TestSpecs;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.schema.Facility;
import civic.exchange.schema.Observation;
import civic.exchange.topics.CanonicalEntity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A number of a dozen characters may stand for billions of digits ({@code 1e2000000000}): it is
 * kept with its exponent, refused where a range or a double cannot hold it, and never written out.
 */
class HugeNumbersTest {

    private static final RecordOrigin ORIGIN = new RecordOrigin("lighting", "streetlights", "raw.lighting.streetlights", 0, 0L,
            "r-1", null, Instant.parse("2024-03-01T12:00:00Z"));

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAttributeKeepsTheExponentAndARangeRefusesItWithAShortMessage() {
        MappingSpec spec = TestSpecs.compile("""
                version: 1
                localId: id
                fields:
                  type: {const: STREETLIGHT}
                  status: {const: IN_SERVICE}
                attributes:
                  lanternHeightM: lanternHeight
                  heightM:
                    path: height
                    transforms: [number, {range: {min: 0, max: 150}}]
                """, TestSpecs.dataset("lighting/streetlights", DatasetFormat.JSON, CanonicalEntity.FACILITY));

        Facility lamp = (Facility) spec.map(json("{\"id\": \"l-1\", \"lanternHeight\": 1e2000000000}"), null, ORIGIN,
                MappingListener.NONE).record();
        assertThat(lamp.getAttributes()).containsEntry("lanternHeightM", "1E+2000000000");
        assertThat(Values.numberText(new BigDecimal("0.70"))).isEqualTo("0.70");
        assertThat(Values.numberText(new BigDecimal("1E+3"))).isEqualTo("1000");

        assertThatThrownBy(() -> spec.map(json("{\"id\": \"l-2\", \"height\": \"1e2000000000\"}"), null, ORIGIN,
                MappingListener.NONE))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE);
                    assertThat(e.getMessage()).contains("1E+2000000000 is outside 0..150").hasSizeLessThan(300);
                });
    }

    @Test
    void aValueBeyondADoubleIsOutOfRange() {
        MappingSpec spec = TestSpecs.compile("""
                version: 1
                localId: {concat: [sensor, time], separator: /}
                fields:
                  property: {const: energy}
                  observedAt: {path: time, transforms: [timestamp]}
                  value: {path: v, transforms: [number]}
                """, TestSpecs.dataset("lighting/meter-readings", DatasetFormat.JSON, CanonicalEntity.OBSERVATION));

        Observation fine = (Observation) spec.map(json("{\"sensor\": \"m-1\", \"time\": \"2024-01-01T00:00:00Z\", \"v\": 1.5e300}"),
                null, ORIGIN, MappingListener.NONE).record();
        assertThat(fine.getValue()).isEqualTo(1.5e300);
        assertThatThrownBy(() -> spec.map(json("{\"sensor\": \"m-1\", \"time\": \"2024-01-01T00:00:00Z\", \"v\": 1e2000000000}"),
                null, ORIGIN, MappingListener.NONE))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OUT_OF_RANGE));
    }
}
