-- The trace each outbox event was written in, so that publishing it continues the same trace.
alter table outbox add column traceparent text;
