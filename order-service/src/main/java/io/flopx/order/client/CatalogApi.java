package io.flopx.order.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.flopx.order.domain.Precision;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of catalog-service's API that order-service reads: reference data. */
@RegisterRestClient(configKey = "catalog")
interface CatalogApi {

    // Tolerant readers: catalog-service's views have more fields than these.
    /** A model and its peak per precision (GFLOPS; GOPS for INT8), null where it has none. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ModelRef(
            String id,
            Long fp64Gflops,
            Long fp32Gflops,
            Long tf32Gflops,
            Long bf16Gflops,
            Long fp16Gflops,
            Long fp8Gflops,
            Long int8Gops) {

        Map<Precision, Long> peaks() {
            Map<Precision, Long> peaks = new EnumMap<>(Precision.class);
            put(peaks, Precision.FP64, fp64Gflops);
            put(peaks, Precision.FP32, fp32Gflops);
            put(peaks, Precision.TF32, tf32Gflops);
            put(peaks, Precision.BF16, bf16Gflops);
            put(peaks, Precision.FP16, fp16Gflops);
            put(peaks, Precision.FP8, fp8Gflops);
            put(peaks, Precision.INT8, int8Gops);
            return peaks;
        }

        private static void put(Map<Precision, Long> peaks, Precision p, Long gflops) {
            if (gflops != null && gflops > 0) {
                peaks.put(p, gflops);
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HubRef(String id) {}

    @GET
    @Path("/models")
    Uni<List<ModelRef>> models(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/hubs")
    Uni<List<HubRef>> hubs(@HeaderParam("Authorization") String authorization);
}
