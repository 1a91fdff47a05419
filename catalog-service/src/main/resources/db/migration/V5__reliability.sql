-- Each lease's delivery as settlement-service last summarised it (delivery-events, LEASE_DELIVERY; the
-- newest summary of a lease wins): what providers' and sites' reliability scores are computed from.
create table lease_delivery (
    lease_id uuid primary key,
    offering_id uuid not null,
    provider text not null,
    site_id uuid not null,
    lease_end timestamptz not null,
    judged_device_hours bigint not null check (judged_device_hours >= 0),
    delivered_device_hours bigint not null check (delivered_device_hours between 0 and judged_device_hours),
    outages integer not null check (outages >= 0),
    outage_minutes bigint not null check (outage_minutes >= 0),
    disputes_upheld integer not null check (disputes_upheld >= 0),
    summarised_at timestamptz not null
);
create index lease_delivery_provider_idx on lease_delivery (provider, lease_end);
create index lease_delivery_site_idx on lease_delivery (site_id, lease_end);
