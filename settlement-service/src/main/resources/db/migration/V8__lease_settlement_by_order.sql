-- One order's settlements (GET /settlements?order=...) had no index leading with order_id: each call scanned the
-- table and sorted what matched. Ordered as the page is, so the page is read straight off the index.
-- (A tenant's page without an order still filters buyer or provider and sorts all of the tenant's leases.)
create index lease_settlement_order_idx on lease_settlement (order_id, traded_at desc, fill_id desc);
