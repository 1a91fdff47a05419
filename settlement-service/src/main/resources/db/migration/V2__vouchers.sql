-- Compute vouchers (算力券): value a program gives an enterprise to buy compute with, earmarked and expiring.
-- Each voucher is an account of its own (kind VOUCHER, keyed by the voucher), so its remaining value is its
-- balance; a program's side is two accounts: PROGRAM_ISSUED (debited when it issues) and PROGRAM_LAPSED
-- (credited with what expired unspent). Program accounts belong to the tenant 'program:<id>', a name no
-- real tenant can have.

alter table account drop constraint account_kind_check;
alter table account add constraint account_kind_check check (kind in
    ('AVAILABLE', 'HELD', 'ESCROW', 'PAYABLE', 'FEES', 'BANK', 'VOUCHER', 'PROGRAM_ISSUED', 'PROGRAM_LAPSED'));
alter table account add column voucher_id uuid;
alter table account drop constraint account_key;
alter table account add constraint account_key unique nulls not distinct (tenant, currency, kind, voucher_id);
alter table account add constraint account_voucher_kind check ((kind = 'VOUCHER') = (voucher_id is not null));

create table voucher (
    id uuid primary key,
    program text not null,
    tenant text not null,
    currency char(3) not null,
    amount bigint not null check (amount > 0),
    expires_at timestamptz not null,
    -- Eligibility: the hubs it may buy in (empty: any), and optionally a minimum CAICT green rating (1-5)
    -- and a maximum PUE (thousandths) of the site.
    hubs text[] not null,
    min_green_rating smallint check (min_green_rating between 1 and 5),
    max_pue_milli integer check (max_pue_milli between 1000 and 3000),
    issued_at timestamptz not null,
    lapsed_at timestamptz
);
create index voucher_tenant_idx on voucher (tenant, expires_at);
create index voucher_program_idx on voucher (program);
create index voucher_unlapsed_idx on voucher (expires_at) where lapsed_at is null;
