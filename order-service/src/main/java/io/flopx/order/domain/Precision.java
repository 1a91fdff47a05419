package io.flopx.order.domain;

/** The arithmetic precisions throughput is bought at. */
public enum Precision {
    FP64,
    FP32,
    TF32,
    BF16,
    FP16,
    FP8,
    INT8
}
