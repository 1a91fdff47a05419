-- The most devices a plan ever asked for. Scaling down cancels what is still open, but fills already made stand:
-- a plan's fills in any hour are bounded by this, not by its current size (the invariant checker holds plans to it).
alter table procurement_plan add column peak_devices integer;
update procurement_plan set peak_devices = devices;
alter table procurement_plan alter column peak_devices set not null;
