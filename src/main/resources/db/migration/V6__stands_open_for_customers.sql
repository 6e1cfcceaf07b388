-- stands: the operator's own switch; a stand is open for customers when its hours say so and this is on.
ALTER TABLE stands ADD COLUMN open_for_customers BOOLEAN NOT NULL DEFAULT TRUE;
