-- What a tenant paid in, per currency, for pre-trade risk: order-service holds each order's worst case
-- against what was paid in (top-ups; withdrawals later) plus the credit limit, minus what its fills cost.
-- Kept on the AVAILABLE account and moved by the same statements as the money, with a version that grows
-- with every change of either, so that order-service keeps the newest figures in whatever order the events
-- arrive.
alter table account add column paid_in bigint not null default 0;
alter table account add column funding_version bigint not null default 0;
update account a set paid_in = coalesce((
    select sum(p.amount) from posting p join journal_entry e on e.id = p.entry_id
    where p.account_id = a.id and e.kind = 'TOP_UP'), 0)
where a.kind = 'AVAILABLE';
update account set funding_version = 1 where kind = 'AVAILABLE';

-- Events to publish, written in the transaction of the change they describe (the same table as every
-- other service's outbox).
create table outbox (
    id            bigserial primary key,
    topic         text not null,
    record_key    text not null,
    payload       text not null,
    created_at    timestamptz not null,
    published_at  timestamptz,
    traceparent   text
);
create index outbox_unpublished_idx on outbox (id) where published_at is null;
-- Funding already in the ledger reaches order-service once, after this migration.
insert into outbox (topic, record_key, payload, created_at)
select 'funding-events', tenant || '|' || currency,
    json_build_object('tenant', tenant, 'currency', currency, 'paidIn', paid_in, 'creditLimit', credit_limit,
        'version', funding_version)::text, now()
from account where kind = 'AVAILABLE' and voucher_id is null;
