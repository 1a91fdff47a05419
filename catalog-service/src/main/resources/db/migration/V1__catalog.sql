-- FlopX catalog schema v1: reference data (accelerator models, hubs, clusters), offerings and leases.
-- Reference rows transcribed from public facts: vendor datasheets for rows marked 'datasheet'
-- (dense figures, no structured sparsity, per device); 'approximate' rows are commonly quoted figures
-- that operators can correct. Throughput is stored as integer GFLOPS (GOPS for INT8), bandwidth as GB/s,
-- so that no floating point reaches matching or ledgers. NULL = not supported or not published.

create table accelerator_model (
    id              text primary key,
    vendor          text not null,
    kind            text not null check (kind in ('GPU', 'NPU', 'CPU')),
    memory_gb       integer,
    memory_bw_gbps  integer not null,
    tdp_watts       integer not null check (tdp_watts > 0),
    fp64_gflops     bigint,
    fp32_gflops     bigint,
    tf32_gflops     bigint,
    bf16_gflops     bigint,
    fp16_gflops     bigint,
    fp8_gflops      bigint,
    int8_gops       bigint,
    confidence      text not null check (confidence in ('datasheet', 'approximate')),
    note            text
);

insert into accelerator_model (id, vendor, kind, memory_gb, memory_bw_gbps, tdp_watts, fp64_gflops, fp32_gflops,
    tf32_gflops, bf16_gflops, fp16_gflops, fp8_gflops, int8_gops, confidence, note) values
    ('H100-SXM5-80GB', 'NVIDIA', 'GPU', 80, 3350, 700, 34000, 67000, 494700, 989400, 989400, 1978900, 1978900, 'datasheet', 'dense tensor figures (sparsity doubles them); FP64 tensor core 67'),
    ('H100-PCIE-80GB', 'NVIDIA', 'GPU', 80, 2000, 350, 26000, 51000, 378000, 756000, 756000, 1513000, 1513000, 'datasheet', 'dense; FP64 tensor core 51'),
    ('H200-SXM-141GB', 'NVIDIA', 'GPU', 141, 4800, 700, 34000, 67000, 494700, 989400, 989400, 1978900, 1978900, 'datasheet', 'same compute as H100 SXM, more and faster memory'),
    ('H20-96GB', 'NVIDIA', 'GPU', 96, 4000, 400, 1000, 44000, 74000, 148000, 148000, 296000, 296000, 'datasheet', 'export-market part; dense'),
    ('A100-SXM4-80GB', 'NVIDIA', 'GPU', 80, 2039, 400, 9700, 19500, 156000, 312000, 312000, null, 624000, 'datasheet', 'dense; FP64 tensor core 19.5; no FP8'),
    ('A800-SXM4-80GB', 'NVIDIA', 'GPU', 80, 2039, 400, 9700, 19500, 156000, 312000, 312000, null, 624000, 'datasheet', 'A100 compute with NVLink limited to 400 GB/s'),
    ('L40S-48GB', 'NVIDIA', 'GPU', 48, 864, 350, null, 91600, 183000, 362000, 362000, 733000, 733000, 'datasheet', 'dense; FP64 not published (about 1/64 of FP32)'),
    ('B200-SXM-180GB', 'NVIDIA', 'GPU', 180, 7700, 1000, 37000, null, 1125000, 2250000, 2250000, 4500000, 4500000, 'approximate', 'per-GPU share of HGX B200 8-GPU figures halved for density; FP32 not listed'),
    ('MI300X-192GB', 'AMD', 'GPU', 192, 5300, 750, 81700, 163400, 653700, 1307400, 1307400, 2614900, 2614900, 'datasheet', 'dense; FP64 matrix 163.4'),
    ('MI250X-128GB', 'AMD', 'GPU', 128, 3200, 560, 47900, 47900, null, 383000, 383000, null, 383000, 'datasheet', 'FP64 and FP32 matrix 95.7'),
    ('ASCEND-910B', 'Huawei', 'NPU', 64, 1600, 400, null, null, null, 320000, 320000, null, 640000, 'approximate', 'commonly quoted figures; vendor sheet varies by SKU (910B1..B4)'),
    ('MLU370-X8', 'Cambricon', 'NPU', 48, 614, 250, null, 24000, null, 96000, 96000, null, 256000, 'approximate', 'dual-chip board'),
    ('GAUDI3-128GB', 'Intel', 'NPU', 128, 3700, 900, null, null, null, 1835000, 1835000, 1835000, null, 'approximate', 'matrix engine figures'),
    ('EPYC-9654', 'AMD', 'CPU', null, 460, 360, 3700, 7400, null, null, null, null, null, 'approximate', '96 cores; peak from cores x clock x vector width; per socket');

-- China's eight national computing hubs and their ten data-centre clusters ('East Data, West Compute').
-- Coordinates are approximate city positions.
create table hub (
    id    text primary key,
    name  text not null,
    side  text not null check (side in ('east', 'west'))
);

create table hub_cluster (
    id          text primary key,
    hub_id      text not null references hub (id),
    name        text not null,
    latitude    numeric(7, 4) not null,
    longitude   numeric(7, 4) not null
);

insert into hub (id, name, side) values
    ('jing-jin-ji', 'Beijing-Tianjin-Hebei', 'east'),
    ('yangtze-delta', 'Yangtze River Delta', 'east'),
    ('greater-bay', 'Guangdong-Hong Kong-Macao Greater Bay Area', 'east'),
    ('chengdu-chongqing', 'Chengdu-Chongqing', 'east'),
    ('inner-mongolia', 'Inner Mongolia', 'west'),
    ('guizhou', 'Guizhou', 'west'),
    ('gansu', 'Gansu', 'west'),
    ('ningxia', 'Ningxia', 'west');

insert into hub_cluster (id, hub_id, name, latitude, longitude) values
    ('zhangjiakou', 'jing-jin-ji', 'Zhangjiakou data centre cluster', 40.77, 114.88),
    ('wuhu', 'yangtze-delta', 'Wuhu data centre cluster', 31.33, 118.38),
    ('yrd-green-demo', 'yangtze-delta', 'Yangtze Delta ecological green integration demonstration zone cluster', 31.10, 120.90),
    ('shaoguan', 'greater-bay', 'Shaoguan data centre cluster', 24.81, 113.60),
    ('tianfu', 'chengdu-chongqing', 'Tianfu data centre cluster', 30.40, 104.07),
    ('chongqing', 'chengdu-chongqing', 'Chongqing data centre cluster', 29.56, 106.55),
    ('horinger', 'inner-mongolia', 'Horinger data centre cluster', 40.38, 111.82),
    ('guian', 'guizhou', 'Gui''an data centre cluster', 26.37, 106.46),
    ('qingyang', 'gansu', 'Qingyang data centre cluster', 35.71, 107.64),
    ('zhongwei', 'ningxia', 'Zhongwei data centre cluster', 37.51, 105.19);

-- A provider's listed capacity: devices of one model at one site, over an hour-aligned window.
create table offering (
    id                     uuid primary key,
    tenant                 text not null,
    model_id               text not null references accelerator_model (id),
    hub_id                 text not null references hub (id),
    site                   text not null,
    devices                integer not null check (devices > 0),
    available_from         timestamptz not null,
    available_until        timestamptz not null,
    price_per_device_hour  bigint not null check (price_per_device_hour > 0),
    currency               char(3) not null,
    status                 text not null,
    created_at             timestamptz not null,
    check (available_until > available_from)
);
create index offering_tenant_idx on offering (tenant, created_at desc);

-- A lease as the provider sees it: one per fill, keyed by the matcher's fill id so a redelivered
-- fill event can never be recorded twice.
create table lease (
    id                     uuid primary key,
    offering_id            uuid not null references offering (id),
    provider_tenant        text not null,
    order_id               uuid not null,
    devices                integer not null check (devices > 0),
    starts_at              timestamptz not null,
    ends_at                timestamptz not null,
    price_per_device_hour  bigint not null,
    cost                   bigint not null,
    currency               char(3) not null,
    recorded_at            timestamptz not null
);
create index lease_provider_idx on lease (provider_tenant, starts_at);
