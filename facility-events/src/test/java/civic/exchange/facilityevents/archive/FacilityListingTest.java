package civic.exchange.facilityevents.archive;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.schema.FacilityStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FacilityListingTest {

    @Test
    void answersMergeIntoOneIdOrderCutAtTheLimit() {
        List<FacilityView> a = views("a1", "a3", "b0");
        List<FacilityView> b = views("a2", "c9");
        List<FacilityView> c = views();

        assertThat(ids(FacilityListing.merge(List.of(a, b, c), 10))).containsExactly("a1", "a2", "a3", "b0", "c9");
        assertThat(ids(FacilityListing.merge(List.of(a, b, c), 3))).containsExactly("a1", "a2", "a3");
    }

    @Test
    void theFirstMatchesOfTheWholeArchiveWhicheverInstanceMerges() {
        // each instance answered its own first two; the merge keeps the archive's first two
        List<FacilityView> here = views("a1", "a4");
        List<FacilityView> there = views("a2", "a3");

        assertThat(ids(FacilityListing.merge(List.of(here, there), 2)))
                .isEqualTo(ids(FacilityListing.merge(List.of(there, here), 2)))
                .containsExactly("a1", "a2");
    }

    @Test
    void aFacilityInTwoAnswersIsListedOnce() {
        assertThat(ids(FacilityListing.merge(List.of(views("a1", "a2"), views("a2", "a3")), 10))).containsExactly("a1", "a2", "a3");
    }

    private static List<FacilityView> views(String... ids) {
        return Stream.of(ids).map(id -> {
            FacilityView v = FacilityView.of(TestFacilities.streetlight(id, FacilityStatus.IN_SERVICE));
            return new FacilityView(id, v.type(), v.status(), v.name(), v.description(), v.location(), v.address(),
                    v.commissionedAt(), v.observedAt(), v.source(), v.attributes(), v.provenance());
        }).toList();
    }

    private static List<String> ids(List<FacilityView> views) {
        return views.stream().map(FacilityView::id).toList();
    }
}
