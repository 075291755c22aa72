package civic.exchange.tools;

import civic.exchange.headers.ContentTypes;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.serde.AvroWireFormat;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeSerdeConfig;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints a topic from the beginning, committed records only, with headers; Avro values in the
 * Confluent wire format are decoded through the registry and shown as JSON, anything else as text.
 * Used by {@code ops/bus demo}; handy for a look at any topic of the bus.
 *
 * <pre>PrintTopic --topic T [--bootstrap-servers localhost:9092] [--registry http://localhost:8081]
 *            [--expect N] [--timeout-seconds 30]</pre>
 * Stops after N records, or once the end of the topic is reached, or at the timeout.
 */
public final class PrintTopic {

    private PrintTopic() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>(Map.of(
                "--bootstrap-servers", "localhost:9092", "--registry", "http://localhost:8081",
                "--expect", "0", "--timeout-seconds", "30"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        String topic = opts.get("--topic");
        if (topic == null) {
            System.err.println("usage: PrintTopic --topic T [--bootstrap-servers B] [--registry URL] [--expect N] [--timeout-seconds S]");
            System.exit(2);
        }
        int expect = Integer.parseInt(opts.get("--expect"));
        long deadline = System.currentTimeMillis() + Long.parseLong(opts.get("--timeout-seconds")) * 1000;
        ExchangeAvroDeserializer<GenericRecord> avro = new ExchangeAvroDeserializer<>();
        avro.configure(Map.of(ExchangeSerdeConfig.SCHEMA_REGISTRY_URL, opts.get("--registry")), false);
        int seen = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, opts.get("--bootstrap-servers"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (System.currentTimeMillis() < deadline && (expect > 0 ? seen < expect : !reachedEnd(consumer, end))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    seen++;
                    System.out.println(format(record, avro));
                }
            }
        }
        System.out.printf("-- %d record(s) on %s%n", seen, topic);
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static String format(ConsumerRecord<String, byte[]> record, ExchangeAvroDeserializer<GenericRecord> avro) {
        String headers = java.util.Arrays.stream(record.headers().toArray())
                .map(PrintTopic::header).collect(Collectors.joining(", "));
        return "partition " + record.partition() + " offset " + record.offset() + " key " + record.key()
                + "\n  headers: {" + headers + "}\n  value: " + value(record, avro);
    }

    private static String header(Header h) {
        return h.key() + "=" + (h.value() == null ? "null" : new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The value as text: Avro decoded through the registry, anything else in the charset its content type names. */
    static String value(ConsumerRecord<String, byte[]> record, ExchangeAvroDeserializer<GenericRecord> avro) {
        byte[] value = record.value();
        if (value == null) {
            return "null (tombstone)";
        }
        if (value.length > AvroWireFormat.HEADER_SIZE && value[0] == AvroWireFormat.MAGIC_BYTE) {
            try {
                return avro.deserialize(record.topic(), value).toString();
            } catch (RuntimeException e) {
                return "<undecodable Avro: " + e.getMessage() + ">";
            }
        }
        // a DLQ record keeps the department's bytes: decode them as they were sent (text/csv; charset=GBK)
        Charset charset = ContentTypes.charset(ExchangeHeaders.get(record.headers(), ExchangeHeaders.CONTENT_TYPE),
                StandardCharsets.UTF_8);
        String text = new String(value, charset).replaceAll("\\s+", " ");
        return text.length() > 400 ? text.substring(0, 400) + "... (" + value.length + " bytes)" : text;
    }
}
