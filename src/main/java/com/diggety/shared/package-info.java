/**
 * What every module leans on and nobody owns: money in minor units, the business clock and zone, the RFC 9457
 * problem responses and the request-size guard. An open module, kept small on purpose.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.diggety.shared;
