-- FlopX catalog schema v2: sites, offering amendments, the capacity ledger with its over-lease backstop,
-- lease conflicts, and the transactional outbox.

-- A provider's data centre in a hub. PUE is stored in thousandths (1.250 -> 1250) and the CAICT green
-- rating as its number (4A -> 4), so filters and sorts stay integer.
create table site (
    id                  uuid primary key,
    tenant              text not null,
    name                text not null,
    hub_id              text not null references hub (id),
    cluster_id          text references hub_cluster (id),
    pue_milli           integer not null check (pue_milli >= 1000 and pue_milli < 4000),
    green_rating        smallint not null check (green_rating between 1 and 5),
    backbone_connected  boolean not null,
    interconnect        text not null check (interconnect in ('INFINIBAND', 'ROCE', 'ETHERNET')),
    created_at          timestamptz not null,
    unique (tenant, name)
);

-- Offerings listed before sites existed get a site each, with the national average PUE (1.46, 2025
-- computing-power report), a middle green rating and plain Ethernet, until their provider edits it.
insert into site (id, tenant, name, hub_id, pue_milli, green_rating, backbone_connected, interconnect, created_at)
select gen_random_uuid(), tenant, site, hub_id, 1460, 3, false, 'ETHERNET', min(created_at)
from offering
group by tenant, site, hub_id;

alter table offering add column site_id uuid references site (id);
update offering o set site_id = s.id from site s where s.tenant = o.tenant and s.name = o.site and s.hub_id = o.hub_id;
alter table offering alter column site_id set not null;
alter table offering drop column site;
alter table offering add column min_lease_hours integer not null default 1 check (min_lease_hours > 0);
alter table offering add column version bigint not null default 0;
alter table offering add column updated_at timestamptz;
update offering set updated_at = created_at;
alter table offering alter column updated_at set not null;
create index offering_search_idx on offering (status, model_id, hub_id, price_per_device_hour);

-- The capacity ledger: devices listed and leased per offering and hour slot, for every slot that has
-- a lease. The check constraint is the database's own refusal to oversell, behind the matcher.
create table capacity_slot (
    offering_id     uuid not null references offering (id),
    slot_hour       timestamptz not null,
    listed_devices  integer not null,
    leased_devices  integer not null check (leased_devices >= 0),
    primary key (offering_id, slot_hour),
    constraint capacity_slot_not_oversold check (leased_devices <= listed_devices)
);

insert into capacity_slot (offering_id, slot_hour, listed_devices, leased_devices)
select l.offering_id, h, o.devices, sum(l.devices)
from lease l
join offering o on o.id = l.offering_id
cross join lateral generate_series(l.starts_at, l.ends_at - interval '1 hour', interval '1 hour') h
group by l.offering_id, h, o.devices;

-- Fills the ledger refused (an oversell the matcher should never have made): kept for operators.
create table lease_conflict (
    fill_id      uuid primary key,
    offering_id  uuid not null,
    order_id     uuid not null,
    devices      integer not null,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null,
    reason       text not null,
    recorded_at  timestamptz not null
);

-- Events written in the same transaction as the change they describe, published by the relay.
create table outbox (
    id            bigserial primary key,
    topic         text not null,
    record_key    text not null,
    payload       text not null,
    created_at    timestamptz not null,
    published_at  timestamptz
);
create index outbox_unpublished_idx on outbox (id) where published_at is null;
