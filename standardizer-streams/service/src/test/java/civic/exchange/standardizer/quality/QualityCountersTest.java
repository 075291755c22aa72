package civic.exchange.standardizer.quality;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.errors.ErrorCode;
import civic.exchange.schema.Facility;
import civic.exchange.schema.FacilityType;
import civic.exchange.standardizer.TestRecords;
import civic.exchange.standardizer.link.LinkOutcome;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counters keep a copy of their store's values; the store stays the truth a restart reads. */
class QualityCountersTest {

    private static final OptionalFields FIELDS = OptionalFields.of(Facility.class);
    private final Facility located = TestRecords.facility("lighting", "streetlights", "sl-1", FacilityType.STREETLIGHT, 40.6, -3.1);
    private KeyValueStore<String, Long> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void everyCountIsWrittenToTheStoreAndARestartedInstanceCountsOn() {
        QualityCounters before = new QualityCounters(store, FIELDS);
        before.canonical(located, RecordNotes.none(), LinkOutcome.NOT_LINKED);
        before.canonical(located, RecordNotes.none(), LinkOutcome.NOT_LINKED);
        before.rejected(ErrorCode.OUT_OF_RANGE, "location", RecordNotes.none());
        Map<String, Long> written = before.snapshot();
        assertThat(written.values()).containsExactlyInAnyOrder(2L, 1L);
        written.forEach((counter, value) -> assertThat(store.get(counter)).as(counter).isEqualTo(value));

        QualityCounters after = new QualityCounters(store, FIELDS);
        assertThat(after.snapshot()).isEqualTo(written);
        after.canonical(located, RecordNotes.none(), LinkOutcome.NOT_LINKED);
        String out = QualityCounters.Counter.out(LinkOutcome.NOT_LINKED, presentFields(written));
        assertThat(store.get(out)).isEqualTo(3L);
    }

    @Test
    void recordsOfDifferentShapesAndLinkOutcomesAreCountedApart() {
        QualityCounters counters = new QualityCounters(store, FIELDS);
        Facility unlocated = Facility.newBuilder(located).setLocation(null).build();
        counters.canonical(located, RecordNotes.none(), LinkOutcome.NOT_LINKED);
        counters.canonical(unlocated, RecordNotes.none(), LinkOutcome.NOT_LINKED);
        counters.canonical(located, RecordNotes.none(), LinkOutcome.NEAREST);
        assertThat(counters.snapshot()).hasSize(3).allSatisfy((counter, value) -> assertThat(value).isEqualTo(1L));
        assertThat(counters.snapshot().keySet()).anySatisfy(k -> assertThat(k).contains("location"))
                .anySatisfy(k -> assertThat(k).doesNotContain("location"));
    }

    private static String presentFields(Map<String, Long> counters) {
        return counters.keySet().stream().filter(k -> k.startsWith(QualityCounters.Counter.OUT))
                .map(k -> QualityCounters.Counter.parts(k)[2]).findFirst().orElseThrow();
    }
}
