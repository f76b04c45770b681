package org.node4j.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The smoke mode of the workloads (one warm-up and one timed iteration, never a timing assertion):
 * the first losses agree with the peer's to the digits docs/WORKLOADS.md prints, the evaluation
 * counts are the workloads', and the memory-free gradient errors are those of the method.
 */
class WorkloadSmokeTest {

  private static WorkloadResult only(Workload w) {
    List<WorkloadResult> r = w.run(RunPlan.smokeTest(), List.of(), false);
    assertThat(r).hasSize(1);
    return r.get(0);
  }

  @Test
  void w1FirstLossMatchesThePeerAndTakes64EulerEvaluations() {
    WorkloadResult r = only(Workload.W1);
    assertThat(r.expectedLoss()).isEqualTo("0.6937820");
    assertThat(r.lossMatches()).isTrue();
    assertThat(r.forwardEvaluations()).isEqualTo(64);
    assertThat(r.timing().iterations()).isEqualTo(1);
  }

  @Test
  void w2TakesSixtyFourEvaluationsEachWay() {
    WorkloadResult r = only(Workload.W2);
    assertThat(r.forwardEvaluations() + r.backwardEvaluations()).isEqualTo(128);
    assertThat(r.forwardEvaluations()).isEqualTo(64);
    // Same model and weights as W1: the loss at z(1) differs from W1's by the solvers' errors only.
    assertThat(r.firstLoss()).isCloseTo(0.6937820, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void w3MatchesLossGradientNormAndEvaluationCountWithBothMethods() {
    List<WorkloadResult> r = Workload.W3.run(RunPlan.smokeTest(), List.of(), false);
    assertThat(r).extracting(WorkloadResult::id).containsExactly("W3(a)", "W3(b)");
    for (WorkloadResult w : r) {
      assertThat(w.lossMatches()).as(w.id() + " loss " + w.firstLoss()).isTrue();
      assertThat(w.forwardEvaluations()).isEqualTo(98);
      assertThat(w.details().get("gradientNormMatches")).as(w.id()).isEqualTo(true);
    }
    assertThat(r.get(0).backwardEvaluations()).isZero();
    // The adjoint's backward solve is adaptive too: it is reported, and costs evaluations.
    assertThat(r.get(1).backwardEvaluations()).isPositive();
  }

  @Test
  void w4FirstLossMatchesThePeerAsFloat32() {
    WorkloadResult r = ClassifierWorkload.run(ClassifierWorkload.Spec.W4, new RunPlan(0, 1, true));
    assertThat(r.lossMatches()).as("loss " + r.firstLoss()).isTrue();
    assertThat(r.forwardEvaluations()).isEqualTo(8);
  }

  @Test
  void w5MemoryFreeErrorsAreTheMethodsAtDepth64() {
    List<WorkloadResult> r = DeepResNetWorkload.run(64, new RunPlan(0, 1, true), false);
    assertThat(r).hasSize(4);
    double errB = (double) r.get(1).details().get("gradientError");
    double errD = (double) r.get(3).details().get("gradientError");
    assertThat(Expected.agreesTo2Digits(errB, 1.6e-2, 0.05)).as("(b) error " + errB).isTrue();
    assertThat(Expected.agreesTo2Digits(errD, 3.5e-5, 0.05)).as("(d) error " + errD).isTrue();
    // Both schemes' forward passes are the same network: (a) and (b) share the loss, as (c), (d).
    assertThat(r.get(1).firstLoss()).isEqualTo(r.get(0).firstLoss());
    assertThat(r.get(3).firstLoss()).isEqualTo(r.get(2).firstLoss());
    assertThat(r.get(2).forwardEvaluations()).isEqualTo(2 * 63);
  }

  @Test
  void expectedDigitsAreHalfAUnitOfTheLastPrintedPlace() {
    assertThat(Expected.matches(0.69378204, "0.6937820")).isTrue();
    assertThat(Expected.matches(0.69378206, "0.6937820")).isFalse();
    assertThat(Expected.matchesFloat32(2.3032894584, "2.3032894")).isTrue();
    assertThat(Expected.matchesFloat32(2.3032899, "2.3032894")).isFalse();
  }

  @Test
  void timingReportsMinMedianMaxOfTheTimedCallsOnly() {
    int[] calls = new int[1];
    Timing t = Timing.measure(2, 3, i -> calls[0]++);
    assertThat(calls[0]).isEqualTo(5);
    assertThat(t.iterations()).isEqualTo(3);
    assertThat(t.minMs()).isLessThanOrEqualTo(t.medianMs());
    assertThat(t.medianMs()).isLessThanOrEqualTo(t.maxMs());
    assertThat(t.warmupMs()).hasSize(2);
    assertThat(t.iterationMs()).hasSize(3);
    Timing even = Timing.of(new double[] {4, 1, 3, 2}, 0);
    assertThat(even.medianMs()).isEqualTo(2.5);
    assertThat(even.iterationMs()).containsExactly(4.0, 1.0, 3.0, 2.0);
    assertThat(t.iterationCpuMs()).hasSize(3).allMatch(ms -> ms >= 0);
  }

  /** The wall-clock ends of the first five iterations, warm-ups first, in order, from now. */
  @Test
  void timingMarksWhenTheFirstIterationsEnded() {
    double before = System.currentTimeMillis();
    Timing t =
        Timing.measure(
            2,
            6,
            i -> {
              long until = System.nanoTime() + 2_000_000L;
              while (System.nanoTime() < until) {
                Thread.onSpinWait();
              }
            });
    double after = System.currentTimeMillis();
    assertThat(t.firstEndsEpochMs()).hasSize(Timing.LAUNCH_MARKS).isSorted();
    assertThat(t.firstEndsEpochMs().get(0)).isBetween(before + 1.0, after);
    assertThat(t.firstEndsEpochMs().get(4) - t.firstEndsEpochMs().get(0)).isGreaterThan(7.0);
    assertThat(Timing.measure(0, 2, i -> {}).firstEndsEpochMs()).hasSize(2);
    assertThat(Timing.of(new double[] {1, 2}, 0).firstEndsEpochMs()).isEmpty();
  }

  @Test
  void theCliffIsTheFirstThreeTimedIterationsOverTheMedianOfTheLastHalf() {
    // first three: mean 20; last half (4 values): median 10
    Timing t = Timing.of(new double[] {1000}, new double[] {30, 20, 10, 12, 9, 10, 11, 10});
    assertThat(t.firstOverSteady()).isEqualTo(2.0);
    assertThat(Timing.cliff(java.util.List.of(5.0, 5.0, 5.0, 5.0, 5.0, 5.0))).isEqualTo(1.0);
    // too few iterations: the first three and the last half would overlap
    assertThat(Timing.of(new double[] {1, 2, 3, 4, 5}, 0).firstOverSteady()).isNull();
    assertThat(t.cpuFirstOverSteady()).isNull();
    // the text report prints it
    WorkloadResult r =
        new WorkloadResult(
            "W0", "test", null, null, null, 1, 1, t, null, null, java.util.Map.of(), 1, "scalar");
    java.io.StringWriter text = new java.io.StringWriter();
    BenchReport.printText(
        new java.io.PrintWriter(text),
        java.util.Map.of("environment", java.util.Map.of(), "workloads", List.of(r)));
    assertThat(text.toString()).contains("first/steady   2.00x wall (timed iterations 1-3");
  }
}
