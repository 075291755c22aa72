package civic.exchange.registry.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;


/**
 * The schemas topic as the registry's only storage.
 *
 * <p>Every instance runs a reader thread that follows the topic from the beginning into {@link RegistryState}
 * ({@code read_committed}: only committed writes are ever applied). Only the elected leader writes
 * ({@link #becomeLeader}): each {@link #write} is one Kafka transaction under a transactional id shared by all
 * instances of this registry, so a newly elected leader's {@code initTransactions()} fences any previous leader that
 * has not noticed it lost the election, and aborts its unfinished write. After fencing, the new leader reads the topic
 * to its end before it decides any id: "max id + 1" and version numbers are then computed on complete state.
 *
 * <p>{@link #write} returns once the transaction is committed ({@code acks=all}) <b>and</b> the reader has applied it:
 * an answered write is durable and immediately readable (read-your-writes). The returned offset lets another instance
 * wait for the same point ({@link #awaitApplied}).
 *
 * <p>One partition keeps a total order of writes.
 */
final class KafkaStore implements RegistryLog, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaStore.class.getName());
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final SchemaRegistryConfig config;
    private final RegistryState state;
    private final TopicPartition partition;
    private final String clientIdPrefix;
    private final Object progress = new Object();
    private long appliedOffset; // guarded by progress: next offset the reader will apply
    private Throwable readerFailure; // guarded by progress
    private volatile boolean running = true;
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;

    private final Object writer = new Object();
    private boolean leader; // guarded by writer
    private KafkaProducer<byte[], byte[]> producer; // guarded by writer; null until needed

    KafkaStore(SchemaRegistryConfig config, RegistryState state) {
        this.config = config;
        this.state = state;
        this.partition = new TopicPartition(config.topic(), 0);
        // Unique per instance: several registries in one JVM (tests, local bus) must not clash on client metrics.
        this.clientIdPrefix = "schema-registry-" + INSTANCES.incrementAndGet() + "-";
    }

    /** Creates the topic if needed and returns once the state holds everything the topic held at this moment. */
    void start() throws Exception {
        admin = Admin.create(clientProperties(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "admin")));
        ensureTopic(admin);
        consumer = new KafkaConsumer<>(clientProperties(Map.of(
                CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // No consumer group: every instance reads the whole topic, and there is nothing to commit.
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long endOffset = consumer.endOffsets(List.of(partition), INIT_TIMEOUT).get(partition);
        reader = new Thread(this::readLoop, "schema-registry-reader-" + config.topic());
        reader.setDaemon(true);
        reader.start();
        awaitApplied(endOffset, INIT_TIMEOUT);
    }

    /**
     * This instance won the election: fence earlier writers and catch up now, so that the first write after an
     * election does not pay for it. A failure here is logged; the next write retries and reports it.
     */
    void becomeLeader() {
        synchronized (writer) {
            leader = true;
            try {
                openProducer();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "Elected leader but cannot write to " + config.topic() + " yet: " + e.getMessage());
            }
        }
    }

    /** Another instance leads now (or none does): stop writing at once. */
    void resignLeader() {
        synchronized (writer) {
            leader = false;
            closeProducer();
        }
    }

    @Override
    public boolean isLeader() {
        synchronized (writer) {
            return leader;
        }
    }

    /**
     * Appends the records in one transaction and waits until the reader has applied them.
     *
     * @return the reader's position afterwards: a state holding these records
     * @throws RegistryException {@code notLeader} if this instance does not (or no longer) lead
     */
    @Override
    public long write(List<Write> writes) {
        if (writes.isEmpty()) {
            return appliedOffset();
        }
        long lastOffset;
        synchronized (writer) {
            if (!leader) {
                throw RegistryException.notLeader();
            }
            if (producer == null) {
                openProducer();
            }
            lastOffset = commit(writes);
        }
        try {
            awaitApplied(lastOffset + 1, WRITE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while waiting for the schemas topic reader", e);
        }
        return appliedOffset();
    }

    private long commit(List<Write> writes) {
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(writes.size());
            for (Write write : writes) {
                sent.add(producer.send(new ProducerRecord<>(config.topic(), 0, write.key(), write.value())));
            }
            long last = -1;
            for (Future<RecordMetadata> future : sent) {
                last = Math.max(last, future.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset());
            }
            producer.commitTransaction();
            return last;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProducerFencedException || e.getCause() instanceof InvalidProducerEpochException) {
                throw fenced(e.getCause());
            }
            abortOrClose();
            throw RegistryException.storeError("Error while writing to the schemas topic: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortOrClose();
            throw RegistryException.storeError("Interrupted while writing to the schemas topic", e);
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            abortOrClose();
            throw RegistryException.timeout("Write to the schemas topic timed out after " + WRITE_TIMEOUT.toSeconds() + " s");
        } catch (RuntimeException e) {
            abortOrClose();
            throw RegistryException.storeError("Error while writing to the schemas topic: " + e.getMessage(), e);
        }
    }

    /** Another leader's initTransactions() bumped the epoch: this instance must not write again. */
    private RegistryException fenced(Throwable cause) {
        LOG.log(Level.WARNING, "Fenced by a newer leader of " + config.topic() + ": " + cause.getMessage());
        leader = false;
        closeProducer();
        return RegistryException.notLeader();
    }

    private void abortOrClose() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // The producer is in an unusable state: start over with a fresh one (initTransactions) on the next write.
            closeProducer();
        }
    }

    /** Creates the transactional producer, fences older ones, and catches up with everything committed before. */
    private void openProducer() {
        Map<String, Object> properties = new HashMap<>(Map.of(
                CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "writer",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.effectiveGroupId(),
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "0"));
        KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(clientProperties(properties),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            created.initTransactions();
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition).get(INIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
            awaitApplied(end, INIT_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            created.close(Duration.ZERO);
            throw RegistryException.storeError("Interrupted while taking over the schemas topic", e);
        } catch (RegistryException e) {
            created.close(Duration.ZERO);
            throw e;
        } catch (Exception e) {
            created.close(Duration.ZERO);
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw RegistryException.storeError("Cannot take over writing to the schemas topic: " + cause, cause);
        }
        producer = created;
        LOG.log(Level.INFO, "Writing to " + config.topic() + " as leader (transactional id "
                + config.effectiveGroupId() + ")");
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Error closing the schemas topic writer: " + e);
            }
            producer = null;
        }
    }

    long appliedOffset() {
        synchronized (progress) {
            return appliedOffset;
        }
    }

    /** Waits until the reader has applied everything before {@code offset}. */
    void awaitApplied(long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (appliedOffset < offset) {
                if (readerFailure != null) {
                    throw RegistryException.storeError("The schemas topic reader failed: " + readerFailure, readerFailure);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw RegistryException.timeout("Timed out after " + timeout.toSeconds() + " s waiting for the "
                            + "schemas topic reader to reach offset " + offset + " (at " + appliedOffset + ")");
                }
                TimeUnit.NANOSECONDS.timedWait(progress, remaining);
            }
        }
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        state.apply(record.key(), RegistryRecords.decodeKey(record.key()), record.value());
                    } catch (RuntimeException e) {
                        // A record this registry cannot read must not stop it from serving everything else.
                        LOG.log(Level.WARNING, "Skipping unreadable record at offset " + record.offset() + " of "
                                + config.topic() + ": " + e);
                    }
                }
                // The position, not the last record's offset: compaction leaves gaps, and transaction markers and
                // aborted records are skipped.
                long position = consumer.position(partition);
                synchronized (progress) {
                    appliedOffset = position;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (Throwable e) {
            LOG.log(Level.ERROR, "Schemas topic reader stopped", e);
            fail(e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void fail(Throwable e) {
        synchronized (progress) {
            readerFailure = e;
            progress.notifyAll();
        }
    }

    private void ensureTopic(Admin admin) throws Exception {
        long timeout = INIT_TIMEOUT.toMillis();
        String topic = config.topic();
        if (!admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS).contains(topic)) {
            int brokers = admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS).size();
            NewTopic newTopic = new NewTopic(topic, 1, (short) Math.min(3, Math.max(1, brokers)))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(newTopic)).all().get(timeout, TimeUnit.MILLISECONDS);
                LOG.log(Level.INFO, "Created schemas topic " + topic);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // Another instance created it first: fall through and check it like any existing topic.
            }
        }
        TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS).get(topic);
        if (description.partitions().size() != 1) {
            throw new IllegalStateException("The schemas topic " + topic + " must have exactly 1 partition to keep a total "
                    + "order of writes; it has " + description.partitions().size());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config topicConfig = admin.describeConfigs(Set.of(resource)).all().get(timeout, TimeUnit.MILLISECONDS).get(resource);
        String policy = topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
            // Retention would silently delete schemas that data on other topics still points to.
            throw new IllegalStateException("The schemas topic " + topic + " must have cleanup.policy=compact; it has "
                    + policy);
        }
    }

    Map<String, Object> clientProperties(Map<String, Object> specific) {
        Map<String, Object> properties = new HashMap<>(specific);
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.putAll(config.kafkaOverrides());
        return properties;
    }

    String clientIdPrefix() {
        return clientIdPrefix;
    }

    @Override
    public void close() {
        resignLeader();
        running = false;
        if (reader != null) {
            consumer.wakeup();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (consumer != null) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
