package org.node4j.lab.bench;

/**
 * How many iterations a workload runs: docs/WORKLOADS.md's warm-ups and timed iterations,
 * optionally overridden, or the smoke mode that runs one warm-up and one timed iteration to check
 * outputs only (for tests and CI, where times mean nothing).
 *
 * @param warmupOverride warm-up iterations instead of the workload's own, or -1 for none given
 * @param iterationOverride timed iterations instead of the workload's own, or -1 for none given
 * @param smoke run one warm-up and one timed iteration (overrides take precedence)
 */
public record RunPlan(int warmupOverride, int iterationOverride, boolean smoke) {

  /** Validates the overrides. */
  public RunPlan {
    if (warmupOverride < -1 || iterationOverride == 0 || iterationOverride < -1) {
      throw new IllegalArgumentException(
          "--warmup must be >= 0 and --iterations >= 1, got "
              + warmupOverride
              + " and "
              + iterationOverride);
    }
  }

  /** The workloads' own counts. */
  public static RunPlan standard() {
    return new RunPlan(-1, -1, false);
  }

  /** One warm-up and one timed iteration. */
  public static RunPlan smokeTest() {
    return new RunPlan(-1, -1, true);
  }

  /** Returns the warm-up count for a workload whose own count is {@code standard}. */
  public int warmups(int standard) {
    return warmupOverride >= 0 ? warmupOverride : smoke ? 1 : standard;
  }

  /** Returns the timed count for a workload whose own count is {@code standard}. */
  public int iterations(int standard) {
    return iterationOverride >= 1 ? iterationOverride : smoke ? 1 : standard;
  }
}
