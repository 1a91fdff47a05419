-- Resale (issue 18): an enterprise lists hours of a lease it holds, not yet started, back on the market. The
-- listing is an offering of its own whose seller (tenant) is the reseller; it names the lease it resells and
-- the provider whose devices deliver it. A lease now records its buyer (who may resell it) and who delivers it
-- (its offering's provider, or for a resale the original provider, whose agents report on it).
alter table lease add column buyer_tenant text;
alter table lease add column delivered_by text;
update lease set delivered_by = provider_tenant;
alter table lease alter column delivered_by set not null;
create index lease_delivered_by_idx on lease (delivered_by, starts_at);

alter table offering add column resale_of uuid references lease (id);
alter table offering add column delivered_by text;
create index offering_resale_of_idx on offering (resale_of) where resale_of is not null;
