-- A buyer's (or an agent's) look at one order's settlements, GET /settlements?order=..., read the whole table:
-- no index led with order_id, so each call scanned and sorted every lease (11.8 ms a call under the load harness
-- with 16,000 leases, growing with the table). Ordered as the page is, so a page is read straight off the index.
create index lease_settlement_order_idx on lease_settlement (order_id, traded_at desc, fill_id desc);
