package civic.exchange.bench.standardizer;

import civic.exchange.catalog.Dataset;
import civic.exchange.catalog.ExchangeCatalog;
import civic.exchange.errors.ErrorCode;
import civic.exchange.headers.CsvHeaderRecords;
import civic.exchange.headers.ExchangeHeaders;
import civic.exchange.localbus.LocalBus;
import civic.exchange.mapping.MappingSpecs;
import civic.exchange.mapping.SpecLoader;
import civic.exchange.standardizer.topology.StandardizerMetrics;
import civic.exchange.standardizer.topology.StandardizerTopology;
import civic.exchange.topics.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Load driver: how fast the spec-driven standardizer drains a raw topic compared with a byte
 * pass-through and with a hand-written normalizer of the same dataset, on one real broker in this JVM.
 *
 * <p>Variants: (a) pass-through, (b) standardizer at-least-once, (c) standardizer exactly_once_v2
 * with commit.interval.ms=100, (d) hand-written Jackson → Avro normalizer, (e) the pass-through plus
 * Jackson's tokenizer over each record (the floor of any normalizer reading it). N raw records are preloaded
 * once; each run is a fresh application id draining them from the start. A warm-up round runs every
 * variant first; then the variants are interleaved for the given rounds, because on a small shared
 * machine only ratios measured side by side mean anything.
 *
 * <pre>java -cp "ops/benchmarks/target/classes:ops/benchmarks/target/lib/*" \
 *   civic.exchange.bench.standardizer.StandardizerThroughput --records 100000 --rounds 3</pre>
 */
public final class StandardizerThroughput {

    /** The catalog of the streetlight runs: one dataset, no linking. */
    static final String STREETLIGHTS_YAML = """
            departments:
              - id: lighting
                publishes:
                  - {id: streetlights, format: ngsi-ld, entity: facility, key: id}
            """;
    private static final String MYLA311_YAML = """
            departments:
              - id: hotline
                publishes:
                  - {id: myla311, format: csv, encoding: UTF-8, entity: service-request, key: SRNumber}
            """;
    /**
     * With {@code --link}: the LA 311 dataset too (no records of its own), whose spec links
     * streetlight requests to the nearest streetlight, as the shipped catalog does. The standardizer
     * then keeps the spatial index up to date with every facility it writes, on its global thread.
     */
    private static final String LINKING_DATASET_YAML = """
              - id: hotline
                publishes:
                  - {id: myla311, format: csv, encoding: UTF-8, entity: service-request, key: SRNumber}
            """;
    private static final String HAND_OUTPUT = "bench.hand-written";
    private static final String PASS_OUTPUT = "bench.pass-through";
    /** Every variant runs with the standardizer service's client settings (producer batching among them). */
    private static final Map<String, String> SERVICE_SETTINGS = ServiceStreamsSettings.load();
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    /** The CSV preload's header records, one per partition of the raw topic (3, as provisioned). */
    private static final int CSV_HEADER_RECORDS = 3;

    private StandardizerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int records = Integer.parseInt(opts.getOrDefault("--records", "100000"));
        int rounds = Integer.parseInt(opts.getOrDefault("--rounds", "3"));
        int warmups = Integer.parseInt(opts.getOrDefault("--warmups", "2"));
        Path out = Path.of(opts.getOrDefault("--out", "ops/benchmarks/standardizer-rounds.csv"));
        boolean csv = opts.getOrDefault("--dataset", "streetlights").equals("myla311");
        Path sample = Path.of(opts.getOrDefault("--sample", csv
                ? "ops/datasets/losangeles-myla311-service-requests.csv" : "ops/demo/fiware-Streetlight-keyvalues.json"));

        boolean link = opts.containsKey("--link");
        // --client-defaults: Kafka Streams' own client defaults instead of the service's tuning, to see
        // how much of a ratio is the tuning's (the pass-through gains most from bigger batches).
        Map<String, String> clientSettings = opts.containsKey("--client-defaults") ? Map.of() : SERVICE_SETTINGS;
        System.out.println(clientSettings.isEmpty() ? "Kafka Streams client defaults, for every variant"
                : "client settings of the standardizer service, for every variant: " + clientSettings);
        String yaml = csv ? MYLA311_YAML : STREETLIGHTS_YAML + (link ? LINKING_DATASET_YAML : "");
        ExchangeCatalog catalog = ExchangeCatalog.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "benchmark");
        String datasetId = csv ? "myla311" : "streetlights";
        Dataset dataset = catalog.datasets().stream().filter(d -> d.id().equals(datasetId)).findFirst().orElseThrow();
        MappingSpecs specs = SpecLoader.load(catalog, Optional.empty());

        try (LocalBus bus = LocalBus.start(null, 0, 0, catalog)) {
            bus.createTopics(3, HAND_OUTPUT, PASS_OUTPUT);
            if (csv) {
                preloadCsvRows(bus, dataset, Files.readAllLines(sample, StandardCharsets.UTF_8), records);
            } else {
                preload(bus, dataset.rawTopic(), Files.readString(sample), records);
            }

            Map<String, Function<ProcessedCounter, Topology>> variants = new LinkedHashMap<>();
            variants.put("a-pass-through", c -> PassThroughTopology.build(dataset.rawTopic(), PASS_OUTPUT, c));
            variants.put("b-standardizer-alos", c -> StandardizerTopology.build(catalog, specs,
                    new StandardizerTopology.Settings(bus.schemaRegistryUrl(), counting(c))));
            variants.put("c-standardizer-eos", variants.get("b-standardizer-alos"));
            variants.put("d-hand-written", c -> csv
                    ? HandWrittenLa311Normalizer.build(dataset.rawTopic(), HAND_OUTPUT, Topics.DLQ_STANDARDIZER, bus.schemaRegistryUrl(), c)
                    : HandWrittenStreetlightNormalizer.build(dataset.rawTopic(), HAND_OUTPUT, Topics.DLQ_STANDARDIZER, bus.schemaRegistryUrl(), c));

            String floor = opts.getOrDefault("--floor", "values");
            if (!floor.equals("values") && !floor.equals("tokens")) {
                throw new IllegalArgumentException("--floor is values or tokens, not " + floor);
            }
            variants.put("e-read-floor", c -> ReadFloorTopology.build(dataset.rawTopic(), PASS_OUTPUT, csv,
                    floor.equals("values"), c));

            String only = opts.getOrDefault("--variants", "abcde");
            // e.g. "--variants b" to profile one variant; ratios are reported for the pairs that ran
            variants.keySet().removeIf(name -> !only.contains(name.substring(0, 1)));
            List<String> rows = new ArrayList<>(List.of(
                    "round,variant,records,seconds,records_per_second,stream_cpu_us,global_cpu_us,producer_cpu_us"));
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            for (int round = 1 - warmups; round <= rounds; round++) {
                String label = round <= 0 ? "warm-up" : "round " + round;
                for (var variant : variants.entrySet()) {
                    String applicationId = "bench-" + variant.getKey() + "-" + round + "-" + System.nanoTime();
                    ProcessedCounter counter = new ProcessedCounter(applicationId);
                    // (a) and (e) count every raw record they copy, CSV header records included; the
                    // normalizers count the dataset's records only
                    boolean copiesAll = variant.getKey().startsWith("a-") || variant.getKey().startsWith("e-");
                    int expected = records + (csv && copiesAll ? CSV_HEADER_RECORDS : 0);
                    Map<String, Double> micros = run(bus, applicationId, variant.getKey(), variant.getValue().apply(counter),
                            counter, expected, clientSettings);
                    double rate = records / counter.seconds();
                    double stream = micros.getOrDefault("stream", 0.0);
                    double global = micros.getOrDefault("global", 0.0);
                    double producer = micros.getOrDefault("producer", 0.0);
                    System.out.printf("%-8s %-22s %9d records in %7.2f s = %,10.0f records/s;"
                                    + " CPU µs/record: stream %5.1f, global %5.1f, producer %5.1f%n",
                            label, variant.getKey(), records, counter.seconds(), rate, stream, global, producer);
                    if (round > 0) {
                        rows.add(String.format("%d,%s,%d,%.3f,%.0f,%.2f,%.2f,%.2f", round, variant.getKey(), records,
                                counter.seconds(), rate, stream, global, producer));
                        rates.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(rate);
                        cpu.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(stream + global + producer);
                    }
                }
            }
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, rows);
            List<String> ratios = report(rates, cpu, rounds);
            Path chart = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + ".svg");
            RoundsChart.write(chart, String.format("Standardizer throughput: %s, %,d records per run, %s", datasetId, records,
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now())),
                    rates, ratios);
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf("heap after GC at the end: %.0f MiB used of %.0f MiB committed (max %.0f MiB)%n",
                    heap.getUsed() / 1048576.0, heap.getCommitted() / 1048576.0, heap.getMax() / 1048576.0);
            System.out.println("rounds written to " + out + ", chart to " + chart);
        }
    }

    private static StandardizerMetrics counting(ProcessedCounter counter) {
        return new StandardizerMetrics() {
            @Override
            public void standardized(Dataset dataset) {
                counter.hit();
            }

            @Override
            public void rejected(Dataset dataset, ErrorCode code) {
                counter.reject();
            }

            @Override
            public void unknownCode(String spec, String field, String code) {
            }
        };
    }

    /**
     * Median over rounds of each per-round ratio (both sides of a ratio ran minutes apart at most),
     * for throughput and for the CPU the variants' own threads spent per record; printed, and
     * returned one line per ratio for the chart.
     */
    private static List<String> report(Map<String, List<Double>> rates, Map<String, List<Double>> cpu, int rounds) {
        String[][] pairs = {
                {"b-standardizer-alos", "d-hand-written", "(b)/(d) target >= 0.9"},
                {"b-standardizer-alos", "a-pass-through", "(b)/(a) target >= 0.7"},
                {"c-standardizer-eos", "b-standardizer-alos", "(c)/(b) target >= 0.8"},
                {"d-hand-written", "a-pass-through", "(d)/(a) reference 0.8-1.0"},
                {"e-read-floor", "a-pass-through", "(e)/(a) reading with Jackson"}};
        System.out.println();
        List<String> lines = new ArrayList<>();
        for (String[] pair : pairs) {
            if (!rates.containsKey(pair[0]) || !rates.containsKey(pair[1])) {
                continue;
            }
            List<Double> ratios = new ArrayList<>();
            List<Double> cpuRatios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratios.add(rates.get(pair[0]).get(r) / rates.get(pair[1]).get(r));
                // records per CPU second, as a ratio: the inverse of CPU per record
                cpuRatios.add(cpu.get(pair[1]).get(r) / cpu.get(pair[0]).get(r));
            }
            String line = String.format("%-28s median %.2f   per round %s   by CPU per record: median %.2f", pair[2],
                    median(ratios), ratios.stream().map(x -> String.format("%.2f", x)).toList(), median(cpuRatios));
            System.out.println(line);
            lines.add(line);
        }
        for (var e : rates.entrySet()) {
            System.out.printf("%-22s median %,10.0f records/s, %6.1f CPU µs/record%n", e.getKey(), median(e.getValue()),
                    median(cpu.get(e.getKey())));
        }
        return lines;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void preload(LocalBus bus, String topic, String template, int records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        String correlation = UUID.randomUUID().toString();
        long start = System.nanoTime();
        int step = Math.max(1, records / 10);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                String localId = "streetlight:bench:" + i;
                byte[] value = template.replace("streetlight:guadalajara:4567", localId).getBytes(StandardCharsets.UTF_8);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, localId.getBytes(StandardCharsets.UTF_8), value);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, "lighting");
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, "streetlights");
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_ID, UUID.randomUUID().toString());
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.CORRELATION_ID, correlation);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
                producer.send(record);
                if ((i + 1) % step == 0) {
                    System.out.printf("preloading %s: %3d%% (%d records, %.1f s)%n", topic, (i + 1) * 100L / records, i + 1,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            producer.flush();
        }
        System.out.printf("preloaded %d records of %d bytes%n", records, template.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * Rows of the real export, cycled to N records, each with a unique SRNumber (the first column),
     * as HTTP ingest writes one batch of them: the header row once per partition in a CSV header
     * record, before the rows, which carry its id.
     */
    private static void preloadCsvRows(LocalBus bus, Dataset dataset, List<String> lines, int records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        byte[] header = lines.get(0).getBytes(StandardCharsets.UTF_8);
        List<String> rows = lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        String correlation = UUID.randomUUID().toString();
        long bytes = 0;
        String headerId = CsvHeaderRecords.id(header);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < CSV_HEADER_RECORDS; partition++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dataset.rawTopic(), partition, null, header);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_KIND, ExchangeHeaders.RECORD_KIND_CSV_HEADER);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.CSV_HEADER_ID, headerId);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, dataset.department());
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, dataset.id());
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
                producer.send(record);
            }
            // sent after every partition's header record: rows may then go to any partition
            producer.flush();
            for (int i = 0; i < records; i++) {
                String row = rows.get(i % rows.size());
                byte[] value = ("1-bench-" + i + row.substring(row.indexOf(','))).getBytes(StandardCharsets.UTF_8);
                bytes += value.length;
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(dataset.rawTopic(), null, value);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.CSV_HEADER_ID, headerId);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.DEPARTMENT, dataset.department());
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.DATASET, dataset.id());
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.RECORD_ID, UUID.randomUUID().toString());
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.CORRELATION_ID, correlation);
                ExchangeHeaders.put(record.headers(), ExchangeHeaders.INGESTED_AT, Instant.now().toString());
                producer.send(record);
                if ((i + 1) % Math.max(1, records / 10) == 0) {
                    System.out.printf("preloading %s: %3d%%%n", dataset.rawTopic(), (i + 1) * 100L / records);
                }
            }
            producer.flush();
        }
        System.out.printf("preloaded %d CSV rows, %d bytes on average%n", records, bytes / records);
    }

    /** Runs one variant until it has processed every record; returns its threads' CPU µs per record, by kind. */
    private static Map<String, Double> run(LocalBus bus, String applicationId, String variant, Topology topology,
                                           ProcessedCounter counter, int records, Map<String, String> clientSettings)
            throws IOException, InterruptedException {
        Path stateDir = Files.createTempDirectory("bench-state-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bus.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        props.putAll(clientSettings);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        if (variant.startsWith("c-")) {
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        }
        KafkaStreams streams = new KafkaStreams(topology, props);
        streams.start();
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        long nextProgress = System.nanoTime() + 5_000_000_000L;
        while (counter.count() < records) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
                streams.close(Duration.ofSeconds(10));
                throw new IllegalStateException(variant + " processed " + counter.count() + " of " + records
                        + " records (state " + streams.state() + ")");
            }
            if (System.nanoTime() > nextProgress) {
                System.out.printf("  %s: %d%%%n", variant, counter.count() * 100 / records);
                nextProgress = System.nanoTime() + 5_000_000_000L;
            }
            Thread.sleep(20);
        }
        Map<String, Double> cpu = counter.cpuMicrosPerRecord();
        if (counter.rejected() > 0) {
            // every preloaded record is valid: a rejection means the variant measured something else
            streams.close(Duration.ofSeconds(10));
            throw new IllegalStateException(variant + " rejected " + counter.rejected() + " of " + records + " valid records");
        }
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
        return cpu;
    }

    /** {@code --name value} pairs; {@code --link} is a flag. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--link") || args[i].equals("--client-defaults")) {
                opts.put(args[i], "true");
            } else if (i + 1 < args.length) {
                opts.put(args[i], args[++i]);
            }
        }
        return opts;
    }
}
