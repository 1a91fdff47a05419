-- A tenant's page of settlements (GET /settlements) is now read as two index scans, its buyer side and its
-- provider side, each in page order (traded_at desc, fill_id desc) with the cursor in the index condition, so
-- each stops at the page's limit. The V5 indexes ordered by trade time alone left each page to sort every lease
-- of its tenant (12-21 ms a call at 16-42 k leases; now well under 1 ms).
--
-- No index on (traded_at desc, fill_id desc) alone for the operators' page of every lease: with one, the
-- planner's generic plan for a tenant's page walked it and filtered (a tenant with no buyer side read the whole
-- index). The operators' page sorts the top of the table instead (a heap top-N, tens of ms at 50 k leases).
drop index lease_settlement_buyer_idx;
drop index lease_settlement_provider_idx;
create index lease_settlement_buyer_idx on lease_settlement (buyer, traded_at desc, fill_id desc);
create index lease_settlement_provider_idx on lease_settlement (provider, traded_at desc, fill_id desc);
