-- The delivery record an offering is matched with (orders' minReliability): its site's reliability score over
-- 30 days, or its provider's while the site has none; null without history. Re-rated by the catalog as
-- delivery summaries arrive, each change a new version of the offering on offering-events.
alter table offering add column reliability_bps integer check (reliability_bps between 0 and 10000);
