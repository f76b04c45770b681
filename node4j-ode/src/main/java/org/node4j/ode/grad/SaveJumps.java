package org.node4j.ode.grad;

import java.util.List;
import org.node4j.ode.StateOps;
import org.node4j.ode.solver.RungeKutta;

/**
 * Adds the cotangents of saved states into a discrete backward pass that visits the accepted steps
 * from the last to the first. A saved time t_k belongs to the step [ta, tb] with ta &lt; t_k &lt;=
 * tb (in the direction of integration), as the forward solve's recorder assigns it; a time equal to
 * t0 belongs to no step.
 *
 * <ul>
 *   <li>On a step boundary (t_k = tb) the state saved is y1 of the step, so its cotangent c_k is a
 *       jump of dL/dy1 before the step is pulled back.
 *   <li>Inside a step the state saved is the solver's interpolant (see {@link RungeKutta}): (1 -
 *       beta) y0 + beta y1 + h (sum_i w_i k_i + gamma f(tb, y1)). Its VJP adds beta c_k to dL/dy1,
 *       h w_i c_k to the cotangent of stage i, (1 - beta) c_k to dL/dy0, and h gamma c_k to the
 *       cotangent of f(tb, y1), which is the first stage of the next step (or, after the last step,
 *       one extra evaluation at (t1, z(t1)) made by the caller).
 * </ul>
 *
 * <p>Owns a coefficient buffer; allocates nothing per step. Not thread-safe.
 */
final class SaveJumps<S> {

  private final StateOps<S> ops;
  private final RungeKutta solver;
  private final double[] times;
  private final double direction;
  private final int stages;
  private final double[] coeffs;
  private List<S> cotangents;
  private int next;
  private int stepEnd;
  private double ta;
  private double h;
  private double tb;

  SaveJumps(GradProblem<S, ?> problem, RungeKutta solver) {
    this.ops = problem.ops();
    this.solver = solver;
    this.times = problem.savedTimes();
    this.direction = Math.signum(problem.t1() - problem.t0());
    this.stages = solver.tableau().stages();
    this.coeffs = new double[stages + 2];
    boolean[] needed = StepAdjoint.neededStages(solver.tableau());
    for (double theta : new double[] {0.25, 0.5, 0.75}) {
      solver.interpolantCoefficients(theta, coeffs);
      for (int j = 0; j < stages; j++) {
        if (coeffs[j] != 0.0 && !needed[j]) {
          throw new IllegalArgumentException(
              solver.name()
                  + ": its interpolant uses stage "
                  + j
                  + ", which the step's result does not; saved times inside steps are not"
                  + " supported for it");
        }
      }
    }
  }

  /** Starts a backward pass with one cotangent per saved time, or none (null). */
  void begin(List<S> values) {
    cotangents = values;
    next = times.length - 1;
  }

  /** Returns whether the current backward pass has saved-time cotangents. */
  boolean active() {
    return cotangents != null;
  }

  /**
   * Adds into {@code out} the cotangent of f(stepEnd, y1) of the step [stepStart, stepEnd] of size
   * stepSize, which is still to be pulled back: h gamma c_k summed over the times saved strictly
   * inside it. Returns whether anything was added.
   */
  boolean endDerivativeCotangent(double stepStart, double stepSize, double stepEnd, S out) {
    boolean any = false;
    for (int i = next; i >= 0 && (times[i] - stepStart) * direction > 0; i--) {
      if (times[i] != stepEnd) {
        solver.interpolantCoefficients((times[i] - stepStart) / stepSize, coeffs);
        if (coeffs[stages] != 0.0) {
          ops.axpy(stepSize * coeffs[stages], cotangents.get(i), out);
          any = true;
        }
      }
    }
    return any;
  }

  /**
   * Before pulling back the step [stepStart, tb] of size stepSize: adds the jumps at tb and the
   * beta parts of the interior times into {@code ybar} = dL/dy1.
   */
  void beforeStep(double stepStart, double stepSize, double tb, S ybar) {
    ta = stepStart;
    h = stepSize;
    this.tb = tb;
    stepEnd = next;
    int i = next;
    for (; i >= 0 && (times[i] - ta) * direction > 0; i--) {
      if (times[i] == tb) {
        ops.axpy(1.0, cotangents.get(i), ybar);
      } else {
        solver.interpolantCoefficients(theta(i), coeffs);
        if (coeffs[stages + 1] != 0.0) {
          ops.axpy(coeffs[stages + 1], cotangents.get(i), ybar);
        }
      }
    }
    next = i;
  }

  /**
   * Adds the stage cotangents of the interior times of the current step (h w_i c_k into stage i)
   * and, from the previous step [prevStart, ta] of size prevSize, the cotangent of its end
   * derivative f(ta, y0), which is this step's first stage (h' gamma c_k into stage 0). Pass NaN
   * for prevSize when the current step is the first.
   */
  void seedStages(S[] kbar, double prevStart, double prevSize) {
    for (int i = stepEnd; i > next; i--) {
      if (isInterior(i)) {
        solver.interpolantCoefficients(theta(i), coeffs);
        for (int j = 0; j < stages; j++) {
          if (coeffs[j] != 0.0) {
            ops.axpy(h * coeffs[j], cotangents.get(i), kbar[j]);
          }
        }
      }
    }
    if (!Double.isNaN(prevSize)) {
      endDerivativeCotangent(prevStart, prevSize, ta, kbar[0]);
    }
  }

  /** After pulling back the current step: adds the (1 - beta) parts into {@code ybar} = dL/dy0. */
  void afterStep(S ybar) {
    for (int i = stepEnd; i > next; i--) {
      if (isInterior(i)) {
        solver.interpolantCoefficients(theta(i), coeffs);
        ops.axpy(1.0 - coeffs[stages + 1], cotangents.get(i), ybar);
      }
    }
  }

  /** At the end of the backward pass: adds the cotangents of times equal to t0 into dL/dz0. */
  void finish(S ybar) {
    for (int i = next; i >= 0; i--) {
      ops.axpy(1.0, cotangents.get(i), ybar);
    }
    next = -1;
    cotangents = null;
  }

  private boolean isInterior(int i) {
    return times[i] != tb;
  }

  private double theta(int i) {
    return (times[i] - ta) / h;
  }
}
