package civic.exchange.connectors.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AnsweredRequestsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void anAnswerHoldsForItsWindowAndNotAfter() {
        AnsweredRequests answers = new AnsweredRequests(Duration.ofHours(24), 10, clock);
        answers.put("lighting/k1", answer("a", T0));

        now = T0.plus(Duration.ofHours(24)).minusMillis(1);
        assertThat(answers.get("lighting/k1")).map(AnsweredRequest::bodySha256).contains("a");
        now = T0.plus(Duration.ofHours(24));
        assertThat(answers.get("lighting/k1")).isEmpty();
        assertThat(answers.size()).isZero();
    }

    @Test
    void theFirstAnswerStaysWithinItsWindowAndANewOneTakesOverAfter() {
        AnsweredRequests answers = new AnsweredRequests(Duration.ofMinutes(10), 10, clock);
        answers.put("lighting/k1", answer("first", T0));
        answers.put("lighting/k1", answer("second", T0.plusSeconds(1)));
        assertThat(answers.get("lighting/k1")).map(AnsweredRequest::bodySha256).contains("first");

        now = T0.plus(Duration.ofMinutes(11));
        answers.put("lighting/k1", answer("third", now));
        assertThat(answers.get("lighting/k1")).map(AnsweredRequest::bodySha256).contains("third");
    }

    @Test
    void anAnswerWhoseWindowPassedIsNotRemembered() {
        AnsweredRequests answers = new AnsweredRequests(Duration.ofMinutes(10), 10, clock);
        now = T0.plus(Duration.ofHours(1));

        answers.put("lighting/old", answer("a", T0));

        assertThat(answers.size()).isZero();
    }

    @Test
    void beyondMaxKeysTheOldestAreForgottenAndCounted() {
        AnsweredRequests answers = new AnsweredRequests(Duration.ofHours(1), 3, clock);
        for (int i = 0; i < 5; i++) {
            answers.put("lighting/k" + i, answer("b" + i, T0.plusSeconds(i)));
        }

        assertThat(answers.size()).isEqualTo(3);
        assertThat(answers.get("lighting/k0")).isEmpty();
        assertThat(answers.get("lighting/k1")).isEmpty();
        assertThat(answers.get("lighting/k4")).isPresent();
        assertThat(answers.forgottenEarly()).isEqualTo(2);
    }

    @Test
    void expiredKeysMakeRoomBeforeLiveOnes() {
        AnsweredRequests answers = new AnsweredRequests(Duration.ofMinutes(1), 2, clock);
        answers.put("lighting/old", answer("a", T0));
        now = T0.plus(Duration.ofMinutes(5));
        answers.put("lighting/new-1", answer("b", now));
        answers.put("lighting/new-2", answer("c", now));

        assertThat(answers.size()).isEqualTo(2);
        assertThat(answers.forgottenEarly()).isZero();
    }

    @Test
    void anAnswerRoundTripsThroughItsJson() {
        AnsweredRequest answer = new AnsweredRequest("hotline/myla311", "ab".repeat(32), 202,
                JsonNodeFactory.instance.objectNode().put("accepted", 3).put("topic", "raw.hotline.myla311"), T0);

        assertThat(AnsweredRequest.fromJson(answer.toJson())).isEqualTo(answer);
        assertThatThrownBy(() -> AnsweredRequest.fromJson("{\"dataset\":1}".getBytes())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AnsweredRequest.fromJson("not json".getBytes())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> new AnsweredRequests(Duration.ZERO, 10, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnsweredRequests(Duration.ofHours(1), 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static AnsweredRequest answer(String sha, Instant at) {
        return new AnsweredRequest("lighting/streetlights", sha, 202, JsonNodeFactory.instance.objectNode().put("accepted", 1), at);
    }
}
