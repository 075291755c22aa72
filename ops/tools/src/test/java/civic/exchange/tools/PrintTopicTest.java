package civic.exchange.tools;

import static org.assertj.core.api.Assertions.assertThat;

import civic.exchange.headers.ExchangeHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class PrintTopicTest {

    @Test
    void aDlqRecordIsShownInTheCharsetItWasSentIn() {
        String row = "BIN-0001;南山区科技园垃圾桶;正常";
        assertThat(PrintTopic.value(record(row.getBytes(Charset.forName("GBK")), "text/csv; charset=GBK"), null)).isEqualTo(row);
        assertThat(PrintTopic.value(record("Cèdre;Cedrus".getBytes(Charset.forName("windows-1252")),
                "text/csv; charset=windows-1252"), null)).isEqualTo("Cèdre;Cedrus");
        assertThat(PrintTopic.value(record("{\"name\": \"Währinger\"}".getBytes(StandardCharsets.UTF_8), null), null))
                .as("no content type: UTF-8").isEqualTo("{\"name\": \"Währinger\"}");
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value, String contentType) {
        RecordHeaders headers = new RecordHeaders();
        if (contentType != null) {
            ExchangeHeaders.put(headers, ExchangeHeaders.CONTENT_TYPE, contentType);
        }
        return new ConsumerRecord<>("dlq.standardizer", 0, 0L, 0L, TimestampType.CREATE_TIME, 0, value.length, null, value,
                headers, Optional.empty());
    }
}
