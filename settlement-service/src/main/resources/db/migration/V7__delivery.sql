-- Delivery records and SLA credits (README, "Delivery and SLA credits").

-- What settlement knows of each offering, from offering-events (the latest version wins): who provides it,
-- where, and its availability commitment (basis points; null: best effort).
create table offering_terms (
    offering_id uuid primary key,
    provider text not null,
    hub text not null,
    site_id uuid not null,
    availability_bps integer check (availability_bps between 1 and 10000),
    version bigint not null
);

-- SLA credits: what the buyer got back for undelivered device-hours (at the trade price, plus the tier's
-- multiplier once the commitment is missed). They leave escrow like payouts do, so released = paid_out + fees
-- + credited; a full refund of a refused fill gives back what credits did not.
alter table lease_settlement add column credited bigint not null default 0 check (credited >= 0);
alter table lease_settlement drop constraint lease_settlement_moves_add_up;
alter table lease_settlement add constraint lease_settlement_moves_add_up check (
    paid_out + fees + credited = released and released <= cost and credited <= cost
    and refunded in (0, cost - credited));

-- A provider's agent reported the lease started, on these devices (or hosts).
create table delivery_start (
    fill_id uuid primary key references lease_settlement (fill_id),
    started_at timestamptz not null,
    device_ids text[] not null,
    reported_by text not null,
    reported_at timestamptz not null
);

-- An hour slot's availability, reported once by the provider's agent after the hour ended.
create table delivery_hour (
    fill_id uuid not null references lease_settlement (fill_id),
    slot_start timestamptz not null,
    devices_available integer not null check (devices_available >= 0),
    reported_by text not null,
    reported_at timestamptz not null,
    primary key (fill_id, slot_start)
);

-- An outage the provider's agent reported: devices affected from start to end, and why.
create table delivery_outage (
    id uuid primary key,
    fill_id uuid not null references lease_settlement (fill_id),
    starts_at timestamptz not null,
    ends_at timestamptz not null check (ends_at > starts_at),
    devices integer not null check (devices > 0),
    cause text not null,
    reported_by text not null,
    reported_at timestamptz not null,
    unique (fill_id, starts_at)
);

-- A buyer disputes an hour slot; an operator accepts (the hour counts as undelivered) or rejects it.
create table delivery_dispute (
    id uuid primary key,
    fill_id uuid not null references lease_settlement (fill_id),
    slot_start timestamptz not null,
    reason text not null,
    opened_by text not null,
    opened_at timestamptz not null,
    state text not null check (state in ('OPEN', 'ACCEPTED', 'REJECTED')),
    decided_by text,
    decided_at timestamptz,
    note text,
    unique (fill_id, slot_start),
    check ((state = 'OPEN') = (decided_at is null))
);
create index delivery_dispute_open_idx on delivery_dispute (opened_at) where state = 'OPEN';
