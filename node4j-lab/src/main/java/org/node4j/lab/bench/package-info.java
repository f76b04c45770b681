/**
 * The benchmark workloads of docs/WORKLOADS.md (W1 to W5) and the kernel suite of issue 3, behind
 * {@code ./node4j bench}: each workload builds its model with the deterministic weights and inputs,
 * runs docs/WORKLOADS.md's warm-ups and timed iterations, and reports the first loss (checked
 * against the peer's digits), the function evaluations, min/median/max times, and for W5 the
 * gradient errors and peak memory. Speed is never asserted in tests; the smoke mode ({@link
 * org.node4j.lab.bench.RunPlan#smokeTest()}) checks outputs only.
 */
package org.node4j.lab.bench;
