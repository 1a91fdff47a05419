-- Compute vouchers back holds (issue 17): settlement-service publishes each voucher it issues on funding-events,
-- and this service holds orders against them before the tenant's own money, soonest to expire first. A voucher
-- backs an order only when every fill the order can get is one the voucher may pay for (see VoucherBacking).
create table voucher (
    id                uuid primary key,
    tenant            text not null,
    currency          char(3) not null,
    amount            bigint not null check (amount > 0),
    expires_at        timestamptz not null,
    -- Eligibility as issued: the hubs it may buy in (empty: any), a minimum green rating (1-5 for 1A-5A) and a
    -- maximum PUE (thousandths) of the site, each optional.
    hubs              text[] not null,
    min_green_rating  smallint,
    max_pue_milli     integer,
    -- What open orders hold of it, and what fills drew from it (less what reversed fills gave back).
    held              bigint not null default 0 check (held >= 0),
    drawn             bigint not null default 0 check (drawn >= 0),
    check (held + drawn <= amount)
);
create index voucher_tenant_idx on voucher (tenant, currency, expires_at);

-- The part of an order's hold (compute_order.held) that vouchers back; the rest is held in the tenant's money
-- (buying_power.held is the sum over open orders of held - voucher_held).
alter table compute_order add column voucher_held bigint not null default 0;
alter table compute_order add constraint compute_order_voucher_held check (voucher_held between 0 and held);

create table order_voucher_hold (
    order_id    uuid not null references compute_order (id),
    voucher_id  uuid not null references voucher (id),
    held        bigint not null check (held >= 0),
    primary key (order_id, voucher_id)
);

-- What each fill drew from each voucher; given back (returned) when the fill is reversed.
create table fill_voucher_draw (
    fill_id     uuid not null,
    voucher_id  uuid not null references voucher (id),
    amount      bigint not null check (amount > 0),
    returned    boolean not null default false,
    primary key (fill_id, voucher_id)
);
