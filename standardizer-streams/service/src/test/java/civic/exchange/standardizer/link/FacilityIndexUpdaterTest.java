package civic.exchange.standardizer.link;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.registry.SchemaRegistryException;
import civic.exchange.schema.FacilityStatus;
import civic.exchange.schema.FacilityType;
import civic.exchange.streams.failure.StreamsHealth;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class FacilityIndexUpdaterTest {

    private static final String APPLICATION = "index-updater-test";

    private final KeyValueStore<String, String> store = InMemoryStores.strings("facility.spatial-index");
    private final List<Duration> slept = new ArrayList<>();
    private int outagesLeft;

    /** Reads every value as a streetlight in Perth, after the outage; "garbage" is never readable. */
    private final Deserializer<GenericRecord> facilities = (topic, bytes) -> {
        if (new String(bytes).equals("garbage")) {
            throw new SerializationException("Unknown magic byte");
        }
        if (outagesLeft > 0) {
            outagesLeft--;
            throw new SerializationException("Cannot fetch schema id 1",
                    new SchemaRegistryException("unreachable", new IOException("Connection refused")));
        }
        GenericRecord location = new GenericData.Record(FacilityIndexUpdater.PLACEMENT.getField("location").schema().getTypes().get(1));
        location.put("latitude", -31.95);
        location.put("longitude", 115.86);
        GenericRecord placement = new GenericData.Record(FacilityIndexUpdater.PLACEMENT);
        placement.put("type", FacilityType.STREETLIGHT.name());
        placement.put("status", FacilityStatus.IN_SERVICE.name());
        placement.put("location", location);
        return placement;
    };

    private FacilityIndexUpdater updater() {
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>(props());
        context.addStateStore(store);
        FacilityIndexUpdater updater = new FacilityIndexUpdater("facility.spatial-index", "canonical.facility", facilities,
                slept::add);
        updater.init(context);
        return updater;
    }

    private static java.util.Properties props() {
        java.util.Properties props = new java.util.Properties();
        props.put("application.id", APPLICATION);
        props.put("bootstrap.servers", "unused:9092");
        return props;
    }

    @Test
    void aRegistryOutageIsWaitedOutNotSkipped() {
        outagesLeft = 3;
        updater().process(new Record<>("facility-1", "bytes".getBytes(), 0L));

        assertThat(slept).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L);
        assertThat(new SpatialIndex(store).nearest(-31.95, 115.86, 10, Set.of(FacilityType.STREETLIGHT)))
                .hasValueSatisfying(n -> assertThat(n.facilityId()).isEqualTo("facility-1"));
        assertThat(StreamsHealth.of(APPLICATION).current()).hasValueSatisfying(problem ->
                assertThat(problem.reason()).contains("facility-1", "IOException: Connection refused"));
    }

    @Test
    void unreadableBytesAreLeftOutWithoutWaiting() {
        updater().process(new Record<>("facility-2", "garbage".getBytes(), 0L));

        assertThat(slept).isEmpty();
        assertThat(new SpatialIndex(store).nearest(-31.95, 115.86, 10_000, Set.of(FacilityType.STREETLIGHT))).isEmpty();
    }
}
