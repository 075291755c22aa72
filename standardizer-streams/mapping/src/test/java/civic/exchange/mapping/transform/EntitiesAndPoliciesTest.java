package civic.exchange.mapping.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.ids.CanonicalIds;
import civic.exchange.mapping.MappingSpec;
import civic.exchange.mapping.TestSpecs;
import civic.exchange.mapping.api.MappingListener;
import civic.exchange.mapping.api.RecordOrigin;
import civic.exchange.mapping.api.SpecException;
import civic.exchange.schema.Observation;
import civic.exchange.schema.ServiceRequest;
import civic.exchange.schema.ServiceRequestStatus;
import civic.exchange.topics.CanonicalEntity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service requests and observations as spec targets, and the 'invalid: drop' policy. */
class EntitiesAndPoliciesTest {

    private static final RecordOrigin ORIGIN = new RecordOrigin("hotline", "calls", "raw.hotline.calls", 0, 7L,
            "rec-1", "corr-1", Instant.parse("2024-06-01T10:00:00Z"));

    private final List<String> heard = new ArrayList<>();
    private final MappingListener listener = new MappingListener() {
        @Override
        public void unknownCode(String spec, String field, String code) {
            heard.add("unknown " + field + " " + code);
        }

        @Override
        public void invalidValue(String spec, String field, ErrorCode code) {
            heard.add("dropped " + spec + " " + field + " " + code);
        }
    };

    private static MappingSpec spec(String yaml, Dataset dataset) {
        return TestSpecs.compile(yaml, dataset);
    }

    private static final MappingSpec CALLS = spec("""
            # hotline/calls
            version: 2
            # service-request records, as the catalog entry says
            # read as jsonl
            localId: ticket
            fields:
              status:
                path: state
                codes: {new: OPEN, working: IN_PROGRESS, done: CLOSED}
                unknown: UNKNOWN
              serviceName: topic
              channel: {path: via, default: phone}
              requestedAt: {path: opened, transforms: [timestamp]}
              expectedAt: {path: due, transforms: [timestamp], invalid: drop}
              closedAt: {path: closed, transforms: [timestamp], invalid: drop, default: "1970-01-01T00:00:00Z"}
              location: {point: {lat: geo.lat, lon: geo.lon}, invalid: drop}
            attributes:
              priority: {path: priority, transforms: [number, {range: {min: 1, max: 5}}], invalid: drop}
            """, TestSpecs.dataset("hotline/calls", DatasetFormat.JSONL, CanonicalEntity.SERVICE_REQUEST));

    private ServiceRequest call(String json) {
        return (ServiceRequest) CALLS.map(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, ORIGIN, listener).record();
    }

    @Test
    void aServiceRequestIsMappedFromJsonLines() {
        ServiceRequest r = call("""
                {"ticket": "T-9", "state": "working", "topic": "Pothole", "opened": "2024-05-31T08:00:00-05:00",
                 "due": "2024-06-07T17:00:00-05:00", "geo": {"lat": 41.88, "lon": -87.63}, "priority": "2"}
                """);
        assertThat(r.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.SERVICE_REQUEST, "hotline", "calls", "T-9"));
        assertThat(r.getStatus()).isEqualTo(ServiceRequestStatus.IN_PROGRESS);
        assertThat(r.getServiceName()).isEqualTo("Pothole");
        assertThat(r.getChannel()).as("default").isEqualTo("phone");
        assertThat(r.getRequestedAt()).isEqualTo(Instant.parse("2024-05-31T13:00:00Z"));
        assertThat(r.getExpectedAt()).isEqualTo(Instant.parse("2024-06-07T22:00:00Z"));
        assertThat(r.getClosedAt()).isEqualTo(Instant.EPOCH);
        assertThat(r.getLocation().getLatitude()).isEqualTo(41.88);
        assertThat(r.getAttributes()).containsEntry("priority", "2");
        assertThat(r.getProvenance().getMappingVersion()).isEqualTo(2);
        assertThat(heard).isEmpty();
    }

    @Test
    void droppedValuesAreLeftOutOrDefaultedAndReported() {
        ServiceRequest r = call("""
                {"ticket": "T-9", "state": "done", "opened": "2024-05-31T08:00:00Z", "due": "soon",
                 "closed": "2024-06-31T00:00:00Z", "geo": {"lat": 123, "lon": 0}, "priority": 9}
                """);
        assertThat(r.getExpectedAt()).isNull();
        assertThat(r.getClosedAt()).as("the default replaces a dropped value").isEqualTo(Instant.EPOCH);
        assertThat(r.getLocation()).isNull();
        assertThat(r.getAttributes()).doesNotContainKey("priority");
        assertThat(heard).containsExactly("dropped hotline/calls due INVALID_DATE", "dropped hotline/calls closed INVALID_DATE",
                "dropped hotline/calls geo.lat OUT_OF_RANGE", "dropped hotline/calls priority OUT_OF_RANGE");
        // Fields without the policy still reject.
        assertThatThrownBy(() -> call("{\"ticket\": \"T-9\", \"state\": \"done\", \"opened\": \"soon\"}"))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATE);
                    assertThat(e.field()).isEqualTo("opened");
                });
    }

    @Test
    void aRequiredFieldDroppedWithoutDefaultStillRejectsWithItsReason() {
        MappingSpec strict = spec("""
                # hotline/calls
                version: 1
                # service-request records, as the catalog entry says
                # read as json
                localId: ticket
                fields:
                  status: {path: state, invalid: drop}
                """, TestSpecs.dataset("hotline/calls", DatasetFormat.JSON, CanonicalEntity.SERVICE_REQUEST));
        assertThatThrownBy(() -> strict.map("{\"ticket\": \"1\", \"state\": \"LOST\"}".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8, ORIGIN, listener))
                .isInstanceOfSatisfying(RecordRejectedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CODE));
        assertThat(heard).isEmpty();
    }

    @Test
    void anObservationIsKeyedBySensorPropertyAndTime() {
        MappingSpec readings = spec("""
                # lighting/meter-readings
                version: 1
                # observation records, as the catalog entry says
                # read as json
                localId:
                  concat: [refDevice, controlledProperty, dateObserved]
                  separator: /
                fields:
                  property: controlledProperty
                  observedAt: {path: dateObserved, transforms: [timestamp]}
                  value: {path: energy, transforms: [{unit: {from: Wh, to: kWh}}]}
                  unit: {const: kW.h}
                """, TestSpecs.dataset("lighting/meter-readings", DatasetFormat.JSON, CanonicalEntity.OBSERVATION));
        String json = """
                {"refDevice": "meter-7", "controlledProperty": "energy", "dateObserved": "2024-01-01T00:15:00Z", "energy": 1250}
                """;
        MappingSpec.Mapped mapped = readings.map(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, ORIGIN, listener);
        Observation o = (Observation) mapped.record();
        assertThat(mapped.localId()).isEqualTo("meter-7/energy/2024-01-01T00:15:00Z");
        assertThat(o.getId()).isEqualTo(CanonicalIds.of(CanonicalEntity.OBSERVATION, "hotline", "calls", "meter-7/energy/2024-01-01T00:15:00Z"));
        assertThat(o.getProperty()).isEqualTo("energy");
        assertThat(o.getValue()).isEqualTo(1.25);
        assertThat(o.getUnit()).isEqualTo("kW.h");
        assertThat(o.getObservedAt()).isEqualTo(Instant.parse("2024-01-01T00:15:00Z"));

        assertThatThrownBy(() -> spec("""
                # lighting/meter-readings
                version: 1
                # observation records, as the catalog entry says
                # read as json
                localId: id
                fields:
                  property: p
                """, TestSpecs.dataset("lighting/meter-readings", DatasetFormat.JSON, CanonicalEntity.OBSERVATION))).isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.field()).isEqualTo("fields.observedAt"));
        assertThatThrownBy(() -> spec("""
                # lighting/meter-readings
                version: 1
                # observation records, as the catalog entry says
                # read as json
                localId: id
                fields:
                  property: p
                  observedAt: {path: t, transforms: [timestamp]}
                attributes:
                  x: y
                """, TestSpecs.dataset("lighting/meter-readings", DatasetFormat.JSON, CanonicalEntity.OBSERVATION))).isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.field()).isEqualTo("attributes");
                    assertThat(e.location().line()).isEqualTo(9);
                    assertThat(e.getMessage()).contains("has no attributes");
                });
    }
}
