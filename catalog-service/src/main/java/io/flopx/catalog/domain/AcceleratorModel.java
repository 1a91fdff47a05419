package io.flopx.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A device type and its peak dense throughput per precision, in integer GFLOPS (GOPS for INT8). */
@Entity
@Table(name = "accelerator_model")
public class AcceleratorModel {

    @Id
    public String id;

    public String vendor;
    public String kind;

    @Column(name = "memory_gb")
    public Integer memoryGb;

    @Column(name = "memory_bw_gbps")
    public int memoryBandwidthGbps;

    @Column(name = "tdp_watts")
    public int tdpWatts;

    @Column(name = "fp64_gflops")
    public Long fp64Gflops;

    @Column(name = "fp32_gflops")
    public Long fp32Gflops;

    @Column(name = "tf32_gflops")
    public Long tf32Gflops;

    @Column(name = "bf16_gflops")
    public Long bf16Gflops;

    @Column(name = "fp16_gflops")
    public Long fp16Gflops;

    @Column(name = "fp8_gflops")
    public Long fp8Gflops;

    @Column(name = "int8_gops")
    public Long int8Gops;

    public String confidence;
    public String note;
}
