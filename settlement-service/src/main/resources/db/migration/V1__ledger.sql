-- A double-entry ledger in integer minor units, after TigerBeetle's model: accounts keep their posted debits
-- and credits (never a balance that could drift from its entries), every movement is one journal entry whose
-- postings sum to zero, and an account flagged "debits must not exceed credits" cannot be overdrawn beyond its
-- credit limit: the database refuses it, whatever the code above it does.

create table account (
    id bigserial primary key,
    tenant text not null,
    currency char(3) not null,
    -- AVAILABLE: an enterprise's money (and a provider's payouts' destination); HELD: pre-trade holds of open
    -- orders; ESCROW: paid for capacity not yet delivered; PAYABLE: owed to a provider; FEES: the exchange's;
    -- BANK: the exchange's side of money received by bank transfer (its balance is what tenants paid in).
    kind text not null check (kind in ('AVAILABLE', 'HELD', 'ESCROW', 'PAYABLE', 'FEES', 'BANK')),
    debits bigint not null default 0 check (debits >= 0),
    credits bigint not null default 0 check (credits >= 0),
    credit_limit bigint not null default 0 check (credit_limit >= 0),
    debits_must_not_exceed_credits boolean not null,
    constraint account_not_overdrawn check (not debits_must_not_exceed_credits or debits <= credits + credit_limit),
    constraint account_key unique (tenant, currency, kind)
);

create table journal_entry (
    id uuid primary key,
    kind text not null,
    -- The tenant the entry is about (whose statement shows it first) and what caused it.
    tenant text not null,
    currency char(3) not null,
    amount bigint not null check (amount > 0),
    reference text,
    -- Who asked (the operator's tenant for a top-up) and the key that makes a retry safe, with the request's
    -- hash so that the same key with another request is refused.
    requested_by text not null,
    idempotency_key text,
    request_hash text,
    at timestamptz not null
);
create unique index journal_entry_idempotency_idx on journal_entry (requested_by, idempotency_key)
    where idempotency_key is not null;
create index journal_entry_tenant_at_idx on journal_entry (tenant, at desc, id);

create table posting (
    entry_id uuid not null references journal_entry (id),
    account_id bigint not null references account (id),
    -- Credit positive, debit negative: an entry's postings sum to zero.
    amount bigint not null check (amount <> 0),
    -- The account's balance (credits - debits) right after this posting: statements show it without summing.
    balance_after bigint not null,
    primary key (entry_id, account_id)
);
create index posting_account_idx on posting (account_id, entry_id);

-- Checked at commit, once every posting of the transaction is in: an unbalanced entry never commits.
create function journal_entry_balanced() returns trigger language plpgsql as $$
begin
    if (select coalesce(sum(amount), 0) from posting where entry_id = new.entry_id) <> 0 then
        raise exception 'journal entry % does not balance', new.entry_id
            using errcode = 'check_violation', constraint = 'journal_entry_balanced';
    end if;
    return null;
end $$;

create constraint trigger journal_entry_balanced after insert on posting
    deferrable initially deferred for each row execute function journal_entry_balanced();
