package io.flopx.order.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flopx.order.domain.Precision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The peaks order-service reads from catalog-service's models, and the largest among an order's models. */
class ModelPeaksTest {

    @Test
    void peaksAreReadPerPrecisionAndTheLargestAmongTheModelsWins() throws Exception {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        CatalogApi.ModelRef h100 = json.readValue("""
                {"id":"H100-SXM5-80GB","vendor":"NVIDIA","fp64Gflops":67000,"fp16Gflops":989400,"int8Gops":1978900,
                 "tdpWatts":700}""", CatalogApi.ModelRef.class);
        CatalogApi.ModelRef mi300x =
                json.readValue("{\"id\":\"MI300X-192GB\",\"fp16Gflops\":1307400}", CatalogApi.ModelRef.class);
        assertEquals(
                Map.of(Precision.FP64, 67_000L, Precision.FP16, 989_400L, Precision.INT8, 1_978_900L), h100.peaks());

        ReferenceData.Known known = new ReferenceData.Known(
                Map.of(h100.id(), h100.peaks(), mi300x.id(), mi300x.peaks()), Set.of("ningxia"), Instant.now());
        assertEquals(989_400L, known.largestPeak(Precision.FP16, List.of("H100-SXM5-80GB")));
        assertEquals(1_307_400L, known.largestPeak(Precision.FP16, List.of()));
        assertEquals(0L, known.largestPeak(Precision.FP8, List.of()));
    }
}
