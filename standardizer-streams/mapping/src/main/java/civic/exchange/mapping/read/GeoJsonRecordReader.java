package civic.exchange.mapping.read;

import civic.exchange.catalog.DatasetFormat;
import civic.exchange.errors.ErrorCode;
import civic.exchange.errors.RecordRejectedException;
import civic.exchange.geo.GeoJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import org.apache.kafka.common.header.Headers;

/**
 * One GeoJSON Feature per record ({@code geojson}; ingest splits a FeatureCollection into them), read
 * as the JSON it is: specs read {@code id}, {@code properties.<name>} and {@code geometry} (with the
 * {@code geojson-point} transform). Strict as {@code json}; anything but a Feature is
 * {@code INVALID_VALUE}.
 */
public class GeoJsonRecordReader implements RecordReader {

    @Override
    public DatasetFormat format() {
        return DatasetFormat.GEOJSON;
    }

    @Override
    public JsonNode read(byte[] payload, Charset charset, Headers headers) {
        JsonNode feature = JsonRecordReader.readObject(payload, charset);
        if (!GeoJson.isFeature(feature)) {
            throw new RecordRejectedException(ErrorCode.INVALID_VALUE, "type", "expected a GeoJSON Feature, found "
                    + GeoJson.describe(feature));
        }
        return feature;
    }
}
