-- Spending compute vouchers (issue 17): order-service holds orders against vouchers and decides what each fill
-- draws from them (it owns the holds); it tells this ledger on voucher-draws, and the ledger moves the value
-- from each voucher's account to the buyer's AVAILABLE account (VOUCHER_DRAWN), or back (VOUCHER_RETURNED).
-- What each fill drew from each voucher, with the fill's hub, so that programs see their use by hub.
create table voucher_use (
    fill_id      uuid not null,
    voucher_id   uuid not null references voucher (id),
    hub          text,
    amount       bigint not null check (amount > 0),
    drawn_at     timestamptz not null,
    returned_at  timestamptz,
    primary key (fill_id, voucher_id)
);
create index voucher_use_voucher_idx on voucher_use (voucher_id);

-- Vouchers issued before this migration reach order-service once, as every new one does (Vouchers.announce).
insert into outbox (topic, record_key, payload, created_at)
select 'funding-events', 'voucher|' || id,
    json_build_object('type', 'VOUCHER_ISSUED', 'tenant', tenant, 'currency', currency, 'voucherId', id,
        'amount', amount,
        'expiresAt', to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'hubs', hubs, 'minGreenRating', min_green_rating, 'maxPueMilli', max_pue_milli)::text, now()
from voucher where lapsed_at is null;
