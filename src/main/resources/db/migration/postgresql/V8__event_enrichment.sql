-- What Truust's API told about the event's order (order, buyer, seller) when its rules ran, so that
-- its actions render with the very facts its conditions saw. PENDING and UNCONFIRMED events keep
-- their reason in error (since V1).
ALTER TABLE inbound_event ADD COLUMN enrichment TEXT;
