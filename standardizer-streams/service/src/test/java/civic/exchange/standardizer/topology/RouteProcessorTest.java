package civic.exchange.standardizer.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import civic.exchange.errors.ErrorCode;
import civic.exchange.schema.GeoPoint;
import civic.exchange.standardizer.link.LinkOutcome;
import civic.exchange.standardizer.quality.RecordNotes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class RouteProcessorTest {

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

    private RouteProcessor route(int recentXrefKeys) {
        RouteProcessor route = new RouteProcessor("lighting", "streetlights", "to-canonical", "to-xref", "to-dlq", recentXrefKeys);
        route.init(context);
        return route;
    }

    @Test
    void eachOutcomeGoesToItsSinkAndEachFacilityIsCrossReferencedOnceWhileTheTaskRemembersIt() {
        RouteProcessor route = route(1024);
        for (String light : List.of("a", "b", "a", "c", "a", "b")) {
            route.process(canonical(light));
        }
        route.process(new Record<>(new byte[] {1}, new Outcome.Rejected("raw".getBytes(StandardCharsets.UTF_8),
                ErrorCode.MALFORMED_JSON, null, RecordNotes.none()), 0L));

        assertThat(forwardedTo("to-canonical")).hasSize(6);
        assertThat(forwardedTo("to-xref")).extracting(f -> (Object) f.record().key())
                .containsExactly("lighting/streetlights/a", "lighting/streetlights/b", "lighting/streetlights/c");
        assertThat(forwardedTo("to-xref")).extracting(f -> (Object) f.record().value())
                .containsExactly("id-a", "id-b", "id-c");
        assertThat(forwardedTo("to-dlq")).singleElement()
                .satisfies(f -> assertThat((byte[]) f.record().value()).asString(StandardCharsets.UTF_8).isEqualTo("raw"));
    }

    @Test
    void aKeyPushedOutOfItsSlotIsWrittenAgain() {
        // one slot: every other key takes it over
        RouteProcessor route = route(1);
        for (String light : List.of("a", "a", "b", "a", "a")) {
            route.process(canonical(light));
        }
        assertThat(forwardedTo("to-xref")).extracting(f -> (Object) f.record().key())
                .containsExactly("lighting/streetlights/a", "lighting/streetlights/b", "lighting/streetlights/a");
    }

    @Test
    void theTableOfRecentKeysHasAPowerOfTwoSlots() {
        assertThatThrownBy(() -> route(1000)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
    }

    @Test
    void aRevivedTaskForgetsWhatItWrote() {
        RouteProcessor route = route(16);
        route.process(canonical("a"));
        // Kafka Streams initializes the same processor again when it revives a task after a failed
        // commit: what the aborted transaction wrote is gone, so the entry must be written again.
        route.init(context);
        route.process(canonical("a"));
        assertThat(forwardedTo("to-xref")).hasSize(2);
    }

    private static Record<byte[], Outcome> canonical(String localId) {
        return new Record<>(localId.getBytes(StandardCharsets.UTF_8), new Outcome.Canonical("id-" + localId, localId,
                new GeoPoint(1.0, 2.0), RecordNotes.none(), LinkOutcome.NOT_LINKED, null, new byte[] {1}), 0L);
    }

    private List<CapturedForward<?, ?>> forwardedTo(String child) {
        return context.forwarded().stream().filter(f -> f.childName().orElse("").equals(child))
                .<CapturedForward<?, ?>>map(f -> f).toList();
    }
}
