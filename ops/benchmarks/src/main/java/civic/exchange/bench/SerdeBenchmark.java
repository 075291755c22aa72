package civic.exchange.bench;

import civic.exchange.registry.HttpSchemaRegistryClient;
import civic.exchange.schema.Facility;
import civic.exchange.serde.ExchangeAvroDeserializer;
import civic.exchange.serde.ExchangeAvroSerializer;
import civic.exchange.topics.CanonicalEntity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the Confluent wire format and the schema-id lookup over plain Avro binary, for a canonical
 * Facility. The serdes talk to a registry over real HTTP (a stub counting requests): after the
 * warm-up the count must not grow.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
public class SerdeBenchmark {

    private static final String TOPIC = CanonicalEntity.FACILITY.topic();

    private StubRegistry registry;
    private Facility facility;
    private ExchangeAvroSerializer<Facility> serializer;
    private ExchangeAvroDeserializer<Facility> deserializer;
    private byte[] framed;
    private byte[] plain;
    private long requestsAfterWarmUp;

    private final SpecificDatumWriter<Facility> plainWriter = new SpecificDatumWriter<>(Facility.class);
    private final SpecificDatumReader<Facility> plainReader = new SpecificDatumReader<>(Facility.class);
    private final ByteArrayOutputStream plainOut = new ByteArrayOutputStream(512);
    private BinaryEncoder plainEncoder;
    private BinaryDecoder plainDecoder;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        registry = StubRegistry.start();
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url(), Duration.ofSeconds(10));
        facility = SampleFacility.streetlight();
        serializer = new ExchangeAvroSerializer<>(client, true);
        deserializer = new ExchangeAvroDeserializer<>(client, Facility.class);
        framed = serializer.serialize(TOPIC, facility);
        deserializer.deserialize(TOPIC, framed);
        plain = plainEncode();
        requestsAfterWarmUp = registry.requests();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long steadyStateCalls = registry.requests() - requestsAfterWarmUp;
        System.out.printf("%nregistry HTTP requests: %d to warm up, %d in steady state%n", requestsAfterWarmUp, steadyStateCalls);
        registry.close();
        if (steadyStateCalls != 0) {
            throw new IllegalStateException(steadyStateCalls + " registry calls in steady state: the id cache is not working");
        }
    }

    @Benchmark
    public byte[] plainAvroEncode() throws IOException {
        return plainEncode();
    }

    @Benchmark
    public byte[] serdeSerialize() {
        return serializer.serialize(TOPIC, facility);
    }

    @Benchmark
    public Facility plainAvroDecode() throws IOException {
        plainDecoder = DecoderFactory.get().binaryDecoder(plain, plainDecoder);
        return plainReader.read(null, plainDecoder);
    }

    @Benchmark
    public Facility serdeDeserialize() {
        return deserializer.deserialize(TOPIC, framed);
    }

    private byte[] plainEncode() throws IOException {
        plainOut.reset();
        plainEncoder = EncoderFactory.get().directBinaryEncoder(plainOut, plainEncoder);
        plainWriter.write(facility, plainEncoder);
        plainEncoder.flush();
        return plainOut.toByteArray();
    }
}
