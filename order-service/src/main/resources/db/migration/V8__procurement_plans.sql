-- Standing procurement (README, "Standing procurement plans"): keep `devices` devices of these models in these
-- hubs for every hour from starts_at to ends_at, at most limit_price per device-hour, buying ahead_hours ahead,
-- never committing more than budget. The exchange places the orders (one per hour and gap: plan_order) as the
-- hours come within reach.
create table procurement_plan (
    id uuid primary key,
    tenant text not null,
    name text not null,
    models text not null,
    hubs text not null,
    devices integer not null check (devices between 1 and 100000),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    ahead_hours integer not null check (ahead_hours between 1 and 168),
    limit_price bigint not null check (limit_price between 1 and 100000000),
    currency text not null,
    min_reliability_bps integer check (min_reliability_bps between 0 and 10000),
    budget bigint not null check (budget > 0),
    status text not null,
    status_reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (ends_at > starts_at)
);
create index procurement_plan_tenant_idx on procurement_plan (tenant, created_at desc);
create index procurement_plan_active_idx on procurement_plan (status) where status = 'ACTIVE';

-- The orders a plan placed, each for one hour slot.
create table plan_order (
    plan_id uuid not null references procurement_plan (id),
    order_id uuid not null references compute_order (id),
    hour timestamptz not null,
    primary key (plan_id, order_id)
);
create index plan_order_hour_idx on plan_order (plan_id, hour);
