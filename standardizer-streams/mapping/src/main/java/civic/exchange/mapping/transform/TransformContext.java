package civic.exchange.mapping.transform;

import java.time.ZoneId;

/**
 * What a spec declares once for all its transforms.
 *
 * @param zone the dataset's zone ({@code input.zone}) for date-times written without offset; null if none
 */
public record TransformContext(ZoneId zone) {

    public static final TransformContext NONE = new TransformContext(null);
}
