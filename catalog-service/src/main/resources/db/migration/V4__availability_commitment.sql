-- (V3 is the outbox's, in service-support's db/outbox.)
-- An offering may declare an availability commitment (its SLA): the share of each lease's device-hours its
-- agents will report delivered, in basis points. Absent: best effort (no SLA tier; outages and accepted
-- disputes are still credited, but an unreported hour counts as delivered). settlement-service reads it from
-- offering-events and judges delivery by it.
alter table offering add column availability_bps integer check (availability_bps in (9900, 9950, 9990));
