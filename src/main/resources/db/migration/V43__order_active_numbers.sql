-- An order's number is what the stand calls out, so two orders under way at one stand must never share one. While
-- an order is under way active_number holds its number; it is cleared when the order finishes. A unique constraint
-- on (stand, active number) then refuses a second live order with the same number at the moment of the insert,
-- race-free (NULLs never collide), and a placement simply draws another number.
ALTER TABLE orders ADD COLUMN active_number CHAR(4);

-- orders under way keep their number; of two that already share one (possible before this change), the older by id
-- keeps it in the constraint
UPDATE orders o SET active_number = number
 WHERE status IN ('PLACED', 'PAID', 'ACCEPTED', 'PREPARING', 'READY')
   AND NOT EXISTS (SELECT 1 FROM orders p WHERE p.stand_id = o.stand_id AND p.number = o.number
                    AND p.status IN ('PLACED', 'PAID', 'ACCEPTED', 'PREPARING', 'READY') AND p.id < o.id);

ALTER TABLE orders ADD CONSTRAINT orders_active_number_uq UNIQUE (stand_id, active_number);
