-- FlopX order-service schema v2: throughput orders, constraints, fill policy, time in force, amendments,
-- cancellation, idempotency keys, the transition history, fill details for totals, and the outbox.

alter table compute_order rename column limit_price_per_device_hour to limit_price;
alter table compute_order rename column model_id to models;
alter table compute_order add column kind text not null default 'DEVICES' check (kind in ('DEVICES', 'THROUGHPUT'));
alter table compute_order alter column devices drop not null;
alter table compute_order add column throughput_gflops bigint check (throughput_gflops > 0);
alter table compute_order add column precision text check (precision in ('FP64', 'FP32', 'TF32', 'BF16', 'FP16', 'FP8', 'INT8'));
alter table compute_order add column max_pue_milli integer check (max_pue_milli >= 1000);
alter table compute_order add column min_green_rating smallint check (min_green_rating between 1 and 5);
alter table compute_order add column interconnect text;
alter table compute_order add column same_site boolean not null default false;
alter table compute_order add column fill_policy text not null default 'ALL_OR_NONE' check (fill_policy in ('ALL_OR_NONE', 'PARTIAL'));
alter table compute_order add column min_fill bigint check (min_fill > 0);
alter table compute_order add column time_in_force text not null default 'GOOD_TILL' check (time_in_force in ('GOOD_TILL', 'IMMEDIATE_OR_CANCEL'));
alter table compute_order add column good_till timestamptz;
update compute_order set good_till = latest_start;
alter table compute_order add column version bigint not null default 0;
alter table compute_order add column cancel_requested_at timestamptz;
alter table compute_order add column idempotency_key text;
alter table compute_order add column request_hash text;
alter table compute_order add constraint compute_order_quantity check (
    (kind = 'DEVICES' and devices is not null) or (kind = 'THROUGHPUT' and throughput_gflops is not null and precision is not null));
create unique index compute_order_idempotency_idx on compute_order (tenant, idempotency_key) where idempotency_key is not null;
create index compute_order_status_idx on compute_order (tenant, status, created_at desc);

-- Every state an order went through, with when and why.
create table order_transition (
    id        bigserial primary key,
    order_id  uuid not null references compute_order (id),
    status    text not null,
    reason    text,
    at        timestamptz not null
);
create index order_transition_order_idx on order_transition (order_id, id);
insert into order_transition (order_id, status, reason, at)
select id, status, status_reason, updated_at from compute_order;

-- What a fill needs for the order's totals: the model, the site's PUE, the device's TDP and its peak at
-- the order's precision.
alter table fill add column site_id uuid;
alter table fill add column model_id text;
alter table fill add column pue_milli integer;
alter table fill add column tdp_watts integer;
alter table fill add column gflops_per_device bigint;

create table outbox (
    id            bigserial primary key,
    topic         text not null,
    record_key    text not null,
    payload       text not null,
    created_at    timestamptz not null,
    published_at  timestamptz
);
create index outbox_unpublished_idx on outbox (id) where published_at is null;
