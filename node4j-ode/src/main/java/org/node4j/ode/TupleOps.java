package org.node4j.ode;

import java.util.List;

/**
 * {@link StateOps} for {@link Tuple} states, built from one {@code StateOps} per part and a mask of
 * the parts that enter the error norm.
 *
 * <p>The mask is how an augmented system controls its error on some parts only: the continuous
 * adjoint's seminorm (Kidger, Chen and Lyons, "Hey, that's not an ODE", 2021) excludes the
 * parameter-gradient integral g_theta, and Hipparchus's {@code ExpandableODE} lets only the primary
 * state drive error control. Masked-out parts are still integrated, copied and checked for
 * non-finite values; they only do not change step sizes.
 *
 * <p>Immutable and thread-safe if the part ops are. Linear combinations work part by part with
 * {@code copyInto} and {@code axpy}, so nothing is allocated and no part is copied into a joint
 * buffer.
 */
public final class TupleOps implements StateOps<Tuple> {

  private final StateOps<Object>[] ops;
  private final boolean[] inErrorNorm;
  private final boolean maxOfParts;

  @SuppressWarnings("unchecked")
  private TupleOps(List<? extends StateOps<?>> partOps, boolean[] inErrorNorm, boolean maxOfParts) {
    this.ops = partOps.toArray(new StateOps[0]);
    this.inErrorNorm = inErrorNorm.clone();
    this.maxOfParts = maxOfParts;
  }

  /**
   * Creates ops for tuples whose part {@code i} is handled by {@code partOps.get(i)} and enters the
   * error norm iff {@code inErrorNorm[i]}.
   *
   * @throws IllegalArgumentException if the lists are empty or their lengths differ
   */
  public static TupleOps of(List<? extends StateOps<?>> partOps, boolean... inErrorNorm) {
    if (partOps.isEmpty()) {
      throw new IllegalArgumentException("TupleOps needs at least one part, got none");
    }
    if (partOps.size() != inErrorNorm.length) {
      throw new IllegalArgumentException(
          "TupleOps: "
              + partOps.size()
              + " part ops but an error mask of length "
              + inErrorNorm.length
              + "; give one mask entry per part");
    }
    return new TupleOps(partOps, inErrorNorm, false);
  }

  /**
   * As {@link #of}, with torchdiffeq's mixed norm ({@code _mixed_norm} over a flattened tuple): the
   * error norm is the largest of the RMS norms of the masked parts, each tensor on its own; a part
   * that is itself a tuple (a parameter-gradient tuple) contributes each of its parts separately. A
   * small part (the state) then weighs as much as a large one (a weight matrix's gradient), as in
   * the default error norm of torchdiffeq's {@code odeint_adjoint} backward solve.
   *
   * @throws IllegalArgumentException if the lists are empty or their lengths differ
   */
  public static TupleOps mixed(List<? extends StateOps<?>> partOps, boolean... inErrorNorm) {
    of(partOps, inErrorNorm); // validates
    return new TupleOps(partOps, inErrorNorm, true);
  }

  /** Returns whether the error norm is the maximum of the parts' RMS norms. */
  public boolean maxOfParts() {
    return maxOfParts;
  }

  @Override
  public double rmsNorm(Tuple err, Tuple y0, Tuple y1, double rtol, double atol) {
    if (!maxOfParts) {
      long n = errorSize(err);
      return n == 0 ? 0.0 : Math.sqrt(sumSquaresScaled(err, y0, y1, rtol, atol) / n);
    }
    return maxOfPartNorms(err, y0, y1, rtol, atol);
  }

  /** The largest RMS norm of this tuple's masked parts, recursing into nested tuples. */
  private double maxOfPartNorms(Tuple err, Tuple y0, Tuple y1, double rtol, double atol) {
    double max = 0.0;
    for (int p = 0; p < ops.length; p++) {
      if (inErrorNorm[p]) {
        Object partOps = ops[p];
        double r =
            partOps instanceof TupleOps t
                ? t.maxOfPartNorms(err.part(p), y0.part(p), y1.part(p), rtol, atol)
                : ops[p].rmsNorm(err.part(p), y0.part(p), y1.part(p), rtol, atol);
        if (Double.isNaN(r)) {
          return r;
        }
        max = Math.max(max, r);
      }
    }
    return max;
  }

  /** Creates ops for tuples in which every part enters the error norm. */
  public static TupleOps allParts(List<? extends StateOps<?>> partOps) {
    boolean[] mask = new boolean[partOps.size()];
    java.util.Arrays.fill(mask, true);
    return of(partOps, mask);
  }

  /** Returns the operations on part {@code i}. */
  @SuppressWarnings("unchecked")
  public <P> StateOps<P> part(int i) {
    return (StateOps<P>) ops[i];
  }

  /** Returns the number of parts. */
  public int size() {
    return ops.length;
  }

  /** Returns whether part {@code i} enters the error norm. */
  public boolean inErrorNorm(int i) {
    return inErrorNorm[i];
  }

  @Override
  public Tuple zerosLike(Tuple like) {
    checkArity(like);
    Object[] parts = new Object[ops.length];
    for (int p = 0; p < ops.length; p++) {
      parts[p] = ops[p].zerosLike(like.part(p));
    }
    return Tuple.of(parts);
  }

  @Override
  public void copyInto(Tuple src, Tuple dst) {
    for (int p = 0; p < ops.length; p++) {
      ops[p].copyInto(src.part(p), dst.part(p));
    }
  }

  @Override
  public void fillZero(Tuple x) {
    for (int p = 0; p < ops.length; p++) {
      ops[p].fillZero(x.part(p));
    }
  }

  @Override
  public void linearCombination(Tuple out, Tuple y, double h, double[] coeffs, Tuple[] ks, int n) {
    for (int p = 0; p < ops.length; p++) {
      Object outPart = out.part(p);
      if (outPart != y.part(p)) {
        ops[p].copyInto(y.part(p), outPart);
      }
      for (int i = 0; i < n; i++) {
        if (coeffs[i] != 0.0) {
          ops[p].axpy(h * coeffs[i], ks[i].part(p), outPart);
        }
      }
    }
  }

  @Override
  public void axpy(double a, Tuple x, Tuple y) {
    for (int p = 0; p < ops.length; p++) {
      ops[p].axpy(a, x.part(p), y.part(p));
    }
  }

  @Override
  public void scaledCopy(double a, Tuple x, Tuple out) {
    for (int p = 0; p < ops.length; p++) {
      ops[p].scaledCopy(a, x.part(p), out.part(p));
    }
  }

  @Override
  public void scale(double a, Tuple x) {
    for (int p = 0; p < ops.length; p++) {
      ops[p].scale(a, x.part(p));
    }
  }

  @Override
  public double dot(Tuple x, Tuple y) {
    double s = 0.0;
    for (int p = 0; p < ops.length; p++) {
      s += ops[p].dot(x.part(p), y.part(p));
    }
    return s;
  }

  @Override
  public long errorSize(Tuple x) {
    long n = 0;
    for (int p = 0; p < ops.length; p++) {
      if (inErrorNorm[p]) {
        n += ops[p].errorSize(x.part(p));
      }
    }
    return n;
  }

  /** Returns the sum of the parts' bytes, masked-out parts included. */
  @Override
  public long bytes(Tuple x) {
    long n = 0;
    for (int p = 0; p < ops.length; p++) {
      n += ops[p].bytes(x.part(p));
    }
    return n;
  }

  @Override
  public double sumSquaresScaled(Tuple err, Tuple y0, Tuple y1, double rtol, double atol) {
    double s = 0.0;
    for (int p = 0; p < ops.length; p++) {
      if (inErrorNorm[p]) {
        s += ops[p].sumSquaresScaled(err.part(p), y0.part(p), y1.part(p), rtol, atol);
      }
    }
    return s;
  }

  @Override
  public boolean allFinite(Tuple x) {
    for (int p = 0; p < ops.length; p++) {
      if (!ops[p].allFinite(x.part(p))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe(Tuple x) {
    StringBuilder sb = new StringBuilder("Tuple(");
    for (int p = 0; p < x.size(); p++) {
      sb.append(p > 0 ? ", " : "");
      sb.append(p < ops.length ? ops[p].describe(x.part(p)) : "?");
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean sameShape(Tuple like, Tuple x) {
    if (like.size() != ops.length || x.size() != ops.length) {
      return false;
    }
    for (int p = 0; p < ops.length; p++) {
      if (!ops[p].sameShape(like.part(p), x.part(p))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void checkSameShape(Tuple like, Tuple x) {
    checkArity(like);
    checkArity(x);
    for (int p = 0; p < ops.length; p++) {
      ops[p].checkSameShape(like.part(p), x.part(p));
    }
  }

  private void checkArity(Tuple x) {
    if (x.size() != ops.length) {
      throw new IllegalArgumentException(
          "Tuple has " + x.size() + " parts but these TupleOps expect " + ops.length);
    }
  }
}
