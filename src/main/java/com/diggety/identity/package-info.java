/**
 * Who may do what: staff and customer accounts with their roles, password login, signed short-lived tokens, login
 * rate limits and the audit trail of staff changes. Other modules state their endpoints' rules through
 * {@link com.diggety.identity.AccessRules}; whatever no rule names is denied.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package com.diggety.identity;
