-- Settlement of fills: each fill's cost moves from the buyer's AVAILABLE account to the provider's ESCROW,
-- and from ESCROW to the provider's PAYABLE (minus the exchange's fee, to FEES) as each hour slot of the
-- lease passes; a fill the provider's capacity ledger refused is refunded in full.

-- A fill was funded by a hold in order-service when the order was placed: it is settled even if the buyer's
-- credit limit was lowered since (a trade is done; the buyer then owes beyond its limit and new orders are
-- refused until it is funded again). Anything else that makes an overdraft worse is still refused; what makes
-- it smaller (a top-up or a refund that does not clear it) lands (LedgerPropertyTest found a refund refused
-- when the rule refused every update of an overdrawn account). A check constraint cannot compare with the row
-- before nor tell a trade from another movement, so the rule is a trigger; trade settlement says what it is
-- doing with a transaction-local setting.
alter table account drop constraint account_not_overdrawn;
create function account_not_overdrawn() returns trigger language plpgsql as $$
begin
    if new.debits_must_not_exceed_credits and new.debits > new.credits + new.credit_limit
            and (tg_op = 'INSERT'
                 or new.debits - new.credits - new.credit_limit > old.debits - old.credits - old.credit_limit)
            and not (new.kind = 'AVAILABLE' and tg_op = 'UPDATE' and new.debits > old.debits
                     and coalesce(current_setting('flopx.settling_trades', true), '') = 'on') then
        raise exception 'account_not_overdrawn: account % (% % %) would be overdrawn beyond its credit limit',
                new.id, new.tenant, new.currency, new.kind
            using errcode = 'check_violation', constraint = 'account_not_overdrawn';
    end if;
    return new;
end $$;
create trigger account_not_overdrawn before insert or update on account
    for each row execute function account_not_overdrawn();

-- The fee the exchange keeps from a provider's payouts, in basis points, where an operator set one; others
-- pay the default (flopx.settlement.fee-bps). A fill keeps the fee in force when it traded.
create table fee_override (
    tenant text primary key,
    bps integer not null check (bps between 0 and 5000),
    set_by text not null,
    set_at timestamptz not null
);

-- One row per fill (a lease of devices for hour slots): what it cost and how far its money has moved.
create table lease_settlement (
    fill_id uuid primary key,
    order_id uuid not null,
    offering_id uuid not null,
    buyer text not null,
    provider text not null,
    hub text not null,
    currency char(3) not null,
    devices integer not null check (devices > 0),
    start_at timestamptz not null,
    end_at timestamptz not null check (end_at > start_at),
    cost bigint not null check (cost > 0),
    fee_bps integer not null check (fee_bps between 0 and 5000),
    -- Hour slots whose money has left escrow, and the totals moved so far (gross out of escrow, net to the
    -- provider's payable, fees): the next release moves the difference to the new cumulative figures.
    slots_paid integer not null default 0,
    released bigint not null default 0,
    paid_out bigint not null default 0,
    fees bigint not null default 0,
    refunded bigint not null default 0,
    -- When the next slot ends (null once nothing is left to release).
    next_payout_at timestamptz,
    state text not null check (state in ('ESCROWED', 'PAYING_OUT', 'PAID_OUT', 'REFUNDED')),
    traded_at timestamptz not null,
    refund_reason text,
    -- A refund gives the buyer everything back (escrow, and what was already paid out and kept as fees).
    constraint lease_settlement_moves_add_up check (
        paid_out + fees = released and released <= cost and refunded in (0, cost))
);
create index lease_settlement_due_idx on lease_settlement (next_payout_at) where next_payout_at is not null;
create index lease_settlement_buyer_idx on lease_settlement (buyer, traded_at desc);
create index lease_settlement_provider_idx on lease_settlement (provider, traded_at desc);
