package com.diggety.demo;

import java.util.List;

import com.diggety.identity.Role;

/**
 * The demo accounts of the embedded default, as listed in the README. Their passwords are public on purpose;
 * the production profile refuses to start while any of them still works.
 */
final class DemoAccounts {

	record Account(String username, String displayName, Role role, String password, String standCode) {
	}

	static final String OWNER_PASSWORD = "diggety-owner";
	static final String MANAGER_PASSWORD = "diggety-manager";
	static final String OPERATOR_PASSWORD = "diggety-operator";
	static final String DRIVER_PASSWORD = "diggety-driver";
	static final String CUSTOMER_PASSWORD = "diggety-customer";

	private DemoAccounts() {
	}

	static List<Account> all(int stands) {
		var accounts = new java.util.ArrayList<Account>();
		accounts.add(new Account("owner", "Olga Właścicielka", Role.OWNER, OWNER_PASSWORD, null));
		accounts.add(new Account("manager", "Marek Kierownik", Role.MANAGER, MANAGER_PASSWORD, null));
		for (int i = 1; i <= stands; i++) {
			var n = String.format("%02d", i);
			accounts.add(new Account("op" + n, "Operator " + n, Role.OPERATOR, OPERATOR_PASSWORD, "KRK-" + n));
		}
		accounts.add(new Account("driver1", "Damian Kierowca", Role.DRIVER, DRIVER_PASSWORD, null));
		accounts.add(new Account("driver2", "Dorota Kierowca", Role.DRIVER, DRIVER_PASSWORD, null));
		accounts.add(new Account("anna@example.com", "Anna Klientka", Role.CUSTOMER, CUSTOMER_PASSWORD, null));
		return accounts;
	}
}
