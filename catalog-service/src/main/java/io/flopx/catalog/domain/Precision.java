package io.flopx.catalog.domain;

import java.util.function.Function;

/** The arithmetic precisions a buyer can buy throughput at, and where each model's peak for it lives. */
public enum Precision {
    FP64("fp64Gflops", m -> m.fp64Gflops),
    FP32("fp32Gflops", m -> m.fp32Gflops),
    TF32("tf32Gflops", m -> m.tf32Gflops),
    BF16("bf16Gflops", m -> m.bf16Gflops),
    FP16("fp16Gflops", m -> m.fp16Gflops),
    FP8("fp8Gflops", m -> m.fp8Gflops),
    INT8("int8Gops", m -> m.int8Gops);

    /** The AcceleratorModel attribute, for queries; taken from this fixed list, never from input. */
    public final String modelAttribute;

    private final Function<AcceleratorModel, Long> peak;

    Precision(String modelAttribute, Function<AcceleratorModel, Long> peak) {
        this.modelAttribute = modelAttribute;
        this.peak = peak;
    }

    /** Peak dense GFLOPS (GOPS for INT8) of one device, or null where the model does not run it. */
    public Long peakGflops(AcceleratorModel model) {
        return peak.apply(model);
    }
}
