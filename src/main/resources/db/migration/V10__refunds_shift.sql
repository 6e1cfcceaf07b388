-- a refund counts in the shift that was open when the money left the cash box, not in the sale's shift
ALTER TABLE refunds ADD COLUMN shift_id UUID;
CREATE INDEX refunds_shift_ix ON refunds (shift_id);
