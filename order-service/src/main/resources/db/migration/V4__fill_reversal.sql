-- FlopX order-service schema v4: a fill the provider's capacity ledger refused is reversed, not deleted:
-- it stays in the order's record with when and why, and no longer counts toward its totals.
alter table fill add column reversed_at timestamptz;
alter table fill add column reversal_reason text;
