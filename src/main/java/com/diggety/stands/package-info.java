/**
 * The stands: where each one is, when it is open (weekly hours in the business zone and dated exceptions), who
 * operates it, its phone for SMS and whether online orders may confirm themselves. Answers "which stands are near
 * me" for customers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Stands", allowedDependencies = { "identity", "shared" })
package com.diggety.stands;
