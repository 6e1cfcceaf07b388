-- An order's number is what the stand calls out, so two orders under way at one stand must never share one. While
-- an order is under way active_number holds its number; it is cleared when the order finishes. A unique constraint
-- on (stand, active number) then refuses a second live order with the same number at the moment of the insert,
-- race-free (NULLs never collide), and a placement simply draws another number.
ALTER TABLE orders ADD COLUMN active_number CHAR(4);

-- orders under way keep their number; of two that already share one (possible before this change), the one placed
-- first keeps it in the constraint (the id breaks a tie). The other keeps its number on screen, unprotected, until it
-- finishes: renumbering an order its customer already knows would confuse more than it helps.
UPDATE orders o SET active_number = number
 WHERE status IN ('PLACED', 'PAID', 'ACCEPTED', 'PREPARING', 'READY')
   AND NOT EXISTS (SELECT 1 FROM orders p WHERE p.stand_id = o.stand_id AND p.number = o.number
                    AND p.status IN ('PLACED', 'PAID', 'ACCEPTED', 'PREPARING', 'READY')
                    AND (p.placed_at < o.placed_at OR (p.placed_at = o.placed_at AND p.id < o.id)));

ALTER TABLE orders ADD CONSTRAINT orders_active_number_uq UNIQUE (stand_id, active_number);
