package org.node4j.nn.state;

import org.node4j.nn.kernel.StateLoops;
import org.node4j.nn.ops.Elementwise;
import org.node4j.nn.ops.Reductions;
import org.node4j.nn.ops.Shapes;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.ArrayOps;
import org.node4j.ode.StateOps;

/**
 * {@link StateOps} for {@link Tensor} states, so that the solvers of {@code node4j-ode} integrate
 * tensors of either dtype.
 *
 * <p>The semantics are those of the {@code double[]} implementation, element by element: {@link
 * #linearCombination} forms {@code y + h * (sum_i c_i k_i)} in one pass over memory, summing the
 * stage terms in stage order for each element. For float32 tensors the combination is computed in
 * float32 arithmetic (the step and coefficients rounded to float32 once, every operation rounding),
 * as PyTorch computes it on float32 tensors: C2 vectorises that loop on JDK 17, where it does not
 * vectorise the float/double conversions of a double-carried sum (see {@link StateLoops} for the
 * measurements). Norms, dot products and sums of squares are accumulated in double for both dtypes.
 * Nothing is allocated except by {@link #zerosLike}.
 *
 * <p>The float32 loops of a solver step (the stage combinations, {@link #axpy}, {@link #fillZero}
 * and {@link #allFinite}) run in {@link StateLoops}, which splits a large state over the engine's
 * threads in the row chunks of the network pass that wrote it: between two passes the state is then
 * not a serial stretch for the calling thread while the other threads wait, and each thread reads
 * the rows that it wrote itself rather than the other core's cache lines.
 *
 * <p>The class is stateless; use the shared {@link #INSTANCE}.
 */
public final class TensorOps implements StateOps<Tensor> {
  /** The shared, stateless instance. */
  public static final TensorOps INSTANCE = new TensorOps();

  private TensorOps() {}

  @Override
  public Tensor zerosLike(Tensor like) {
    return like.zerosLike();
  }

  @Override
  public void copyInto(Tensor src, Tensor dst) {
    checkSameShape(src, dst);
    dst.copyFrom(src);
  }

  @Override
  public void fillZero(Tensor x) {
    if (x.dtype() == DType.FLOAT32) {
      StateLoops.fillZero(x.floats());
    } else {
      x.fillZero();
    }
  }

  @Override
  public void linearCombination(
      Tensor out, Tensor y, double h, double[] coeffs, Tensor[] ks, int count) {
    checkSameShape(y, out);
    for (int j = 0; j < count; j++) {
      if (coeffs[j] != 0.0) {
        checkSameShape(y, ks[j]);
      }
    }
    if (y.dtype() == DType.FLOAT32) {
      combineFloat(out.floats(), y.floats(), h, coeffs, ks, count);
    } else {
      combineDouble(out.doubles(), y.doubles(), h, coeffs, ks, count);
    }
  }

  private static void combineFloat(
      float[] out, float[] y, double h, double[] coeffs, Tensor[] ks, int count) {
    // Explicit steps combine at most a few stages, most often one or two (Euler, Heun, the early
    // stages of every method): those run in StateLoops, with the same operations in the same order
    // as the general loop (the same bits).
    int a = nextActive(coeffs, count, 0);
    int b = nextActive(coeffs, count, a + 1);
    if (a == count || nextActive(coeffs, count, b + 1) == count) {
      if (a == count) {
        combine0(out, y, h);
      } else if (b == count) {
        StateLoops.combine1(out, y, h, coeffs[a], ks[a].floats());
      } else {
        StateLoops.combine2(out, y, h, coeffs[a], ks[a].floats(), coeffs[b], ks[b].floats());
      }
      return;
    }
    float hf = (float) h;
    for (int i = 0, n = y.length; i < n; i++) {
      float acc = 0f;
      for (int j = 0; j < count; j++) {
        double c = coeffs[j];
        if (c != 0.0) {
          acc += (float) c * ks[j].floats()[i];
        }
      }
      out[i] = y[i] + hf * acc;
    }
  }

  /** Returns the first index {@code >= from} with a nonzero coefficient, or {@code count}. */
  private static int nextActive(double[] coeffs, int count, int from) {
    int j = Math.min(from, count);
    while (j < count && coeffs[j] == 0.0) {
      j++;
    }
    return j;
  }

  private static void combine0(float[] out, float[] y, double h) {
    float zero = (float) h * 0f;
    for (int i = 0, n = y.length; i < n; i++) {
      out[i] = y[i] + zero;
    }
  }

  private static void combineDouble(
      double[] out, double[] y, double h, double[] coeffs, Tensor[] ks, int count) {
    for (int i = 0, n = y.length; i < n; i++) {
      double acc = 0.0;
      for (int j = 0; j < count; j++) {
        double c = coeffs[j];
        if (c != 0.0) {
          acc += c * ks[j].doubles()[i];
        }
      }
      out[i] = y[i] + h * acc;
    }
  }

  @Override
  public void axpy(double a, Tensor x, Tensor y) {
    checkSameShape(y, x);
    if (y.dtype() == DType.FLOAT32) {
      StateLoops.axpy(a, x.floats(), y.floats());
    } else {
      Elementwise.axpy(a, x, y);
    }
  }

  @Override
  public void scaledCopy(double a, Tensor x, Tensor out) {
    checkSameShape(out, x);
    if (out.dtype() == DType.FLOAT32) {
      StateLoops.scaledCopy(a, x.floats(), out.floats());
    } else {
      ArrayOps.INSTANCE.scaledCopy(a, x.doubles(), out.doubles());
    }
  }

  @Override
  public void scale(double a, Tensor x) {
    Elementwise.scale(a, x);
  }

  @Override
  public double dot(Tensor x, Tensor y) {
    checkSameShape(x, y);
    return Reductions.dot(x, y);
  }

  @Override
  public long errorSize(Tensor x) {
    return x.size();
  }

  @Override
  public double sumSquaresScaled(Tensor err, Tensor y0, Tensor y1, double rtol, double atol) {
    checkSameShape(err, y0);
    checkSameShape(err, y1);
    double s = 0.0;
    for (int i = 0, n = err.size(); i < n; i++) {
      double scale = atol + rtol * Math.max(Math.abs(y0.get(i)), Math.abs(y1.get(i)));
      double r = err.get(i) / scale;
      s += r * r;
    }
    return s;
  }

  @Override
  public boolean allFinite(Tensor x) {
    return x.dtype() == DType.FLOAT32
        ? StateLoops.allFinite(x.floats())
        : StateLoops.allFinite(x.doubles());
  }

  @Override
  public String describe(Tensor x) {
    return "Tensor" + Shapes.describe(x);
  }

  @Override
  public void checkSameShape(Tensor like, Tensor x) {
    Shapes.requireSame("state", like, x);
  }

  @Override
  public boolean sameShape(Tensor like, Tensor x) {
    return Shapes.same(like, x);
  }
}
