-- An entry must move money: at least two postings that sum to zero, checked at commit. The check on posting
-- (journal_entry_balanced) cannot see an entry that has no postings at all; this one, on the entry, can.
create function journal_entry_posted() returns trigger language plpgsql as $$
declare
    postings integer;
    total bigint;
begin
    select count(*), coalesce(sum(amount), 0) into postings, total from posting where entry_id = new.id;
    if postings < 2 or total <> 0 then
        raise exception 'journal entry % has % postings summing to %', new.id, postings, total
            using errcode = 'check_violation', constraint = 'journal_entry_posted';
    end if;
    return null;
end $$;

create constraint trigger journal_entry_posted after insert on journal_entry
    deferrable initially deferred for each row execute function journal_entry_posted();
