package civic.exchange.facilityevents.archive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Merges the answers of several instances (each in id order) into one listing in id order, at most
 * {@code limit} long. Each instance answered its own first {@code limit} matches, so the merge holds
 * exactly the archive's first {@code limit} matches whichever instance merged it. An id twice (a
 * partition that moved while the listing ran) is kept once.
 */
public final class FacilityListing {

    private FacilityListing() {
    }

    public static List<FacilityView> merge(List<List<FacilityView>> answers, int limit) {
        record Head(FacilityView view, int answer, int index) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> a.view().id().compareTo(b.view().id()));
        for (int i = 0; i < answers.size(); i++) {
            if (!answers.get(i).isEmpty()) {
                heads.add(new Head(answers.get(i).get(0), i, 0));
            }
        }
        List<FacilityView> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (!heads.isEmpty() && merged.size() < limit) {
            Head head = heads.poll();
            if (seen.add(head.view().id())) {
                merged.add(head.view());
            }
            List<FacilityView> answer = answers.get(head.answer());
            if (head.index() + 1 < answer.size()) {
                heads.add(new Head(answer.get(head.index() + 1), head.answer(), head.index() + 1));
            }
        }
        return merged;
    }
}
