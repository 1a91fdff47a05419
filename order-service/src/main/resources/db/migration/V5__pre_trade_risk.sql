-- Pre-trade risk (exchange-core's risk stage, in front of the book): each open order holds the worst case of
-- what it still wants (limit x quantity x hours), and a tenant's holds plus what its fills cost may not exceed
-- its funding (what it paid in plus its credit limit, from settlement-service's funding-events). Kept per
-- tenant and currency, moved by the same statements as the orders, so that they never disagree.
create table buying_power (
    tenant           text not null,
    currency         char(3) not null,
    -- From funding-events: the newest version seen wins.
    paid_in          bigint not null default 0,
    credit_limit     bigint not null default 0,
    funding_version  bigint not null default 0,
    -- What the tenant's standing fills cost (trade price x devices x hours).
    charged          bigint not null default 0,
    -- The worst case of every open order's remaining quantity: the sum of compute_order.held.
    held             bigint not null default 0 check (held >= 0),
    -- What new orders may still commit: derived here, once, for every statement that checks or shows it.
    free             bigint generated always as (paid_in + credit_limit - charged - held) stored,
    primary key (tenant, currency)
);

-- This order's hold now (0 once it is terminal), and for an order refused for want of funds, by how much.
alter table compute_order add column held bigint not null default 0 check (held >= 0);
alter table compute_order add column shortfall bigint;
-- A throughput order is filled in whole devices: its last fill can overshoot what it wants by up to one
-- device's peak less one GFLOPS, at a price within its limit. Its hold covers that too (0 for devices).
alter table compute_order add column hold_slack_gflops bigint not null default 0 check (hold_slack_gflops >= 0);
