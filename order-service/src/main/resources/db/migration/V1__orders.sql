-- FlopX order-service schema v1: orders as the enterprise placed them and the fills the matcher reported.

create table compute_order (
    id                        uuid primary key,
    tenant                    text not null,
    client_reference          text,
    model_id                  text not null,
    devices                   integer not null check (devices > 0),
    duration_hours            integer not null check (duration_hours > 0),
    earliest_start            timestamptz not null,
    latest_start              timestamptz not null,
    limit_price_per_device_hour bigint not null check (limit_price_per_device_hour > 0),
    currency                  char(3) not null,
    allowed_hubs              text not null default '',
    status                    text not null,
    status_reason             text,
    created_at                timestamptz not null,
    updated_at                timestamptz not null,
    check (latest_start >= earliest_start)
);
create index compute_order_tenant_idx on compute_order (tenant, created_at desc);

-- One row per fill, keyed by the matcher's fill id: a redelivered fill event cannot be applied twice.
create table fill (
    id                     uuid primary key,
    order_id               uuid not null references compute_order (id),
    offering_id            uuid not null,
    hub_id                 text not null,
    devices                integer not null check (devices > 0),
    starts_at              timestamptz not null,
    ends_at                timestamptz not null,
    price_per_device_hour  bigint not null,
    cost                   bigint not null,
    currency               char(3) not null,
    recorded_at            timestamptz not null
);
create index fill_order_idx on fill (order_id);
