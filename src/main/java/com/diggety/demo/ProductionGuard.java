package com.diggety.demo;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.diggety.identity.Users;

/**
 * Under the production profile, refuses to start while demo data is switched on or any demo account still
 * logs in with its published password.
 */
@Component
@Profile("prod")
class ProductionGuard implements SmartInitializingSingleton {

	private final Users users;
	private final Environment environment;

	ProductionGuard(Users users, Environment environment) {
		this.users = users;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (environment.getProperty("diggety.demo.enabled", Boolean.class, false)) {
			throw new IllegalStateException("Refusing to start: demo data is enabled under the prod profile");
		}
		for (var account : DemoAccounts.all(50)) {
			if (users.passwordMatches(account.username(), account.password())) {
				throw new IllegalStateException("Refusing to start: the demo account '" + account.username()
						+ "' still has its published password; change or disable it first");
			}
		}
	}
}
