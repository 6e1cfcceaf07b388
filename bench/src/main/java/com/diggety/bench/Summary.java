package com.diggety.bench;

import java.util.Map;

/**
 * A derived figure of a scenario: a line for the console and the numbers behind it for the JSON.
 *
 * @param scenario the scenario it belongs to
 * @param text     the line printed under the table
 * @param figures  the same numbers by name, for the results file
 */
public record Summary(String scenario, String text, Map<String, Object> figures) {
}
