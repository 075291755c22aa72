package civic.exchange.registry.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import civic.exchange.registry.server.RegistryRecords.Key;

/**
 * The schemas topic as the registry's only storage. A reader thread follows the topic from the beginning into
 * {@link RegistryState}; {@link #write} appends a record and returns once the reader has applied it, so a caller
 * that wrote something reads it back from the state (read-your-writes) and knows it is durable (acks=all).
 *
 * <p>One partition keeps a total order of writes, which is what makes "max id + 1" and version numbers safe.
 */
final class KafkaStore implements AutoCloseable {

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
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread reader;

    KafkaStore(SchemaRegistryConfig config, RegistryState state) {
        this.config = config;
        this.state = state;
        this.partition = new TopicPartition(config.topic(), 0);
        // Unique per instance: several registries in one JVM (tests, local bus) must not clash on client metrics.
        this.clientIdPrefix = "schema-registry-" + INSTANCES.incrementAndGet() + "-";
    }

    /** Creates the topic if needed and returns once the state holds everything the topic held at this moment. */
    void start() throws Exception {
        try (Admin admin = Admin.create(clientProperties(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "admin")))) {
            ensureTopic(admin);
        }
        producer = new KafkaProducer<>(clientProperties(Map.of(
                CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "writer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "0")),
                new ByteArraySerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(clientProperties(Map.of(
                CommonClientConfigs.CLIENT_ID_CONFIG, clientIdPrefix + "reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
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

    /** Appends a record and waits until the reader has applied it to the state. */
    void write(Key key, byte[] value) {
        RecordMetadata metadata;
        try {
            metadata = producer.send(new ProducerRecord<>(config.topic(), 0, RegistryRecords.encodeKey(key), value))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while writing to the schemas topic", e);
        } catch (ExecutionException e) {
            throw RegistryException.storeError("Error while writing to the schemas topic: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw RegistryException.timeout("Write to the schemas topic timed out after " + WRITE_TIMEOUT.toSeconds() + " s");
        }
        try {
            awaitApplied(metadata.offset() + 1, WRITE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("Interrupted while waiting for the schemas topic reader", e);
        }
    }

    private void awaitApplied(long offset, Duration timeout) throws InterruptedException {
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
                        state.apply(RegistryRecords.decodeKey(record.key()), record.value());
                    } catch (RuntimeException e) {
                        // A record this registry cannot read must not stop it from serving everything else.
                        LOG.log(Level.WARNING, "Skipping unreadable record at offset " + record.offset() + " of "
                                + config.topic() + ": " + e);
                    }
                }
                // The position, not the last record's offset: compaction leaves gaps and the end may be a marker.
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

    private Map<String, Object> clientProperties(Map<String, Object> specific) {
        Map<String, Object> properties = new HashMap<>(specific);
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.putAll(config.kafkaOverrides());
        return properties;
    }

    @Override
    public void close() {
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
