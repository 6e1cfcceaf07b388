package com.diggety.identity;

/** The roles of Diggety; an operator is always scoped to one stand. */
public enum Role {
	OWNER, MANAGER, OPERATOR, DRIVER, CUSTOMER;

	public boolean isStaff() {
		return this != CUSTOMER;
	}

	public boolean managesCompany() {
		return this == OWNER || this == MANAGER;
	}
}
