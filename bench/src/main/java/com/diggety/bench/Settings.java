package com.diggety.bench;

/**
 * How hard and how long every variant is driven.
 *
 * @param threads         concurrent workers (one request in flight each)
 * @param warmupSeconds   unmeasured warm-up before each variant's measured phase
 * @param durationSeconds the measured phase ends after this long ...
 * @param maxRequests     ... or after this many requests, whichever comes first
 * @param seed            seed of every random choice (points, data), so runs are comparable
 */
public record Settings(int threads, double warmupSeconds, double durationSeconds, long maxRequests, long seed) {
}
