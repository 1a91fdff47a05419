-- A plan's round adopts the orders it placed but did not link (an instance stopped between the two) by their
-- idempotency keys ('plan-<id>-<hour>-<attempt>'). Without this index that looked at every keyed order of the
-- tenant each round; with it, only the tenant's plan orders (the round's query repeats the predicate).
create index compute_order_plan_key_idx on compute_order (tenant, idempotency_key) where idempotency_key like 'plan-%';
