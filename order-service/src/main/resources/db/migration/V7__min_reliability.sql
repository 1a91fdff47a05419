-- An order may ask for offerings with a delivery record at least this good (basis points over 30 days, the
-- catalog's reliability score); null: any, including offerings without history.
alter table compute_order add column min_reliability_bps integer check (min_reliability_bps between 0 and 10000);
