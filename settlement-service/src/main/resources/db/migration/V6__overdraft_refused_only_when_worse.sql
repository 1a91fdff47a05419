-- An account may be below its credit limit (a trade settled after the limit was lowered, see V5). The rule
-- then refuses what makes the overdraft worse, not what improves it: a top-up or a refund that credits an
-- overdrawn account must land even if it does not bring the account back within its limit (found by
-- LedgerPropertyTest: a refund to a buyer past its limit was refused).
create or replace function account_not_overdrawn() returns trigger language plpgsql as $$
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
