package org.node4j.ode.grad.param;

import java.util.Objects;
import org.node4j.ode.StateOps;
import org.node4j.ode.grad.DifferentiableField;

/**
 * A field whose network sees the time as one more input: f(t, z) = g([z, t]), the "concatenated
 * with t" parametrisation of torchdiffeq's examples and of Chen et al. (2018), where the parameters
 * of g are shared over time but the map can still change along the trajectory.
 *
 * <p>The joining is a strategy ({@link Concat}), because where t goes depends on the state type: a
 * last element for a vector ({@link #appendTime()}), an extra channel for an image tensor (the
 * neural layer does that). The VJP pulls the cotangent back through g and keeps the state part of
 * the joined cotangent; the part of t is dropped, as t is not a trainable input.
 *
 * <p>Keeps one joined input and one joined cotangent as scratch; one solve at a time.
 *
 * @param <S> the state type
 * @param <X> the joined input type of g
 * @param <G> the parameter-gradient type of g
 */
public final class TimeConcatField<S, X, G> implements DifferentiableField<S, G> {

  /** Joins a state with a time and splits a joined cotangent. */
  public interface Concat<S, X> {
    /** Returns a new joined input for states shaped like {@code like}. */
    X newJoined(S like);

    /** Writes [z, t] into {@code out}. */
    void join(S z, double t, X out);

    /** Writes the state part of the joined cotangent {@code x} into {@code outZ}. */
    void statePart(X x, S outZ);
  }

  /** A differentiable map g: X -> S with parameters. */
  public interface Map<X, S, G> {
    /** Writes g(x) into {@code out}. */
    void apply(X x, S out);

    /** Writes a^T dg/dx into {@code outX} and adds a^T dg/dtheta into {@code gradAcc}. */
    void vjp(X x, S a, X outX, G gradAcc);

    /** Returns the operations on parameter gradients. */
    StateOps<G> gradOps();

    /** Returns a new zero parameter gradient. */
    G newGrad();
  }

  private final Map<X, S, G> g;
  private final Concat<S, X> concat;
  private X joined;
  private X joinedCotangent;

  /** Creates f(t, z) = g(concat(z, t)). */
  public TimeConcatField(Map<X, S, G> g, Concat<S, X> concat) {
    this.g = Objects.requireNonNull(g, "g");
    this.concat = Objects.requireNonNull(concat, "concat");
  }

  /** The joining of a {@code double[]} state with t appended as its last element. */
  public static Concat<double[], double[]> appendTime() {
    return new Concat<>() {
      @Override
      public double[] newJoined(double[] like) {
        return new double[like.length + 1];
      }

      @Override
      public void join(double[] z, double t, double[] out) {
        System.arraycopy(z, 0, out, 0, z.length);
        out[z.length] = t;
      }

      @Override
      public void statePart(double[] x, double[] outZ) {
        System.arraycopy(x, 0, outZ, 0, outZ.length);
      }
    };
  }

  @Override
  public void evaluate(double t, S z, S dzdt) {
    g.apply(join(z, t), dzdt);
  }

  @Override
  public void vjp(double t, S z, S a, S outZ, G gradAcc) {
    X x = join(z, t);
    g.vjp(x, a, joinedCotangent, gradAcc);
    concat.statePart(joinedCotangent, outZ);
  }

  private X join(S z, double t) {
    if (joined == null) {
      joined = concat.newJoined(z);
      joinedCotangent = concat.newJoined(z);
    }
    concat.join(z, t, joined);
    return joined;
  }

  @Override
  public StateOps<G> gradOps() {
    return g.gradOps();
  }

  @Override
  public G newGrad() {
    return g.newGrad();
  }
}
