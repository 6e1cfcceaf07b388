-- notifications: whether a number is reachable reads the last text to it
CREATE INDEX sms_outbox_number_ix ON sms_outbox (to_number, id);
