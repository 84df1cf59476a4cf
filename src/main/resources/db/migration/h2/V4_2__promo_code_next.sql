-- The next free code of a pool, in the order codes are handed out, read straight off one index:
-- free codes (idempotency_key NULL) of a pool are one contiguous range in import order.
CREATE INDEX promo_code_next ON promo_code (pool, idempotency_key, imported_at, code);
