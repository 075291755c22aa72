package civic.exchange.bench.standardizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of one Kafka Streams application's threads, by kind (stream thread, global thread,
 * producer I/O thread). On a small shared machine the throughput of a run swings with whatever
 * else gets the cores (the JIT compiler, the broker); the CPU a variant's own threads spend per
 * record does not, so it says where a difference between variants comes from.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanosByThread;
    private final Map<Long, String> kindByThread;

    private ThreadCpu(Map<Long, Long> nanosByThread, Map<Long, String> kindByThread) {
        this.nanosByThread = nanosByThread;
        this.kindByThread = kindByThread;
    }

    /** CPU time so far of every live thread whose name contains {@code applicationId}. */
    static ThreadCpu of(String applicationId) {
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> kinds = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || !info.getThreadName().contains(applicationId)) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                nanos.put(info.getThreadId(), cpu);
                kinds.put(info.getThreadId(), kind(info.getThreadName()));
            }
        }
        return new ThreadCpu(nanos, kinds);
    }

    /** Microseconds of CPU per record between {@code earlier} and this snapshot, by thread kind. */
    Map<String, Double> microsPerRecordSince(ThreadCpu earlier, long records) {
        Map<String, Double> perKind = new TreeMap<>();
        nanosByThread.forEach((thread, nanos) -> {
            long spent = nanos - earlier.nanosByThread.getOrDefault(thread, 0L);
            perKind.merge(kindByThread.get(thread), spent / 1e3 / records, Double::sum);
        });
        return perKind;
    }

    private static String kind(String threadName) {
        if (threadName.contains("producer")) {
            return "producer";
        }
        if (threadName.endsWith("GlobalStreamThread")) {
            return "global";
        }
        if (threadName.contains("StreamThread")) {
            return "stream";
        }
        return "other";
    }
}
