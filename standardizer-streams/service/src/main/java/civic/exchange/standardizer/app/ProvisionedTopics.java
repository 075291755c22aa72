package civic.exchange.standardizer.app;

import java.time.Duration;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the topics a topology reads and writes exist. The service creates no topic and does
 * not rely on broker auto-creation: provisioning makes them from the catalog, and a topology
 * started before them would lose its stream thread on the first missing one.
 */
final class ProvisionedTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedTopics.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    /** The names of the topics that exist; may time out or fail while the cluster is not reachable. */
    interface TopicLister {
        Set<String> list(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException;
    }

    private ProvisionedTopics() {
    }

    /** Returns once every topic exists; throws, naming the missing ones, after {@code timeout}. */
    static void await(Admin admin, Set<String> topics, Duration timeout) {
        await(wait -> admin.listTopics().names().get(wait.toMillis(), TimeUnit.MILLISECONDS), topics, timeout, POLL);
    }

    static void await(TopicLister lister, Set<String> topics, Duration timeout, Duration poll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SortedSet<String> missing = new TreeSet<>(topics);
        boolean logged = false;
        while (true) {
            try {
                missing.removeAll(lister.list(poll));
            } catch (TimeoutException | ExecutionException e) {
                LOG.debug("Cannot list topics yet: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topics " + missing, e);
            }
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + missing + " do not exist after " + timeout
                        + ": the service creates none; provision them from the catalog (ops/bus provision)");
            }
            if (!logged) {
                LOG.info("Waiting for topics {} (the topology reads or writes them; provisioning creates them)", missing);
                logged = true;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for topics " + missing, e);
            }
        }
    }
}
