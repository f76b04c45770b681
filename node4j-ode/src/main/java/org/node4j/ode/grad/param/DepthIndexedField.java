package org.node4j.ode.grad.param;

import java.util.ArrayList;
import java.util.List;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;
import org.node4j.ode.grad.DifferentiableField;
import org.node4j.ode.grad.EvalRecord;

/**
 * A field with depth-indexed parameters: N layers f_0 .. f_{N-1}, each with its own parameters
 * theta_k, where layer k serves the time interval [k/N, (k+1)/N) of the unit depth interval [0, 1]
 * (seeds-spec 3.1: theta(n/N) = theta_n, held constant over the step).
 *
 * <p>This makes "a ResNet with untied weights <em>is</em> the Euler solve of a depth-indexed field"
 * literal: Euler with N constant steps on [0, 1] ({@link DepthGrid#resnet}) evaluates layer k on
 * step k, x_{k+1} = x_k + (1/N) f_k(x_k). Heun with steps of 1/N on [0, (N-1)/N] ({@link
 * DepthGrid#heunNet}) evaluates f_i at its first stage (t = i/N) and f_{i+1} at its second (t =
 * (i+1)/N): exactly Sander et al.'s HeunNet of N functions and N - 1 steps. The layer of a time is
 * k = floor(t N + 1e-9), clamped to [0, N-1]; the 1e-9 absorbs the rounding of grid times.
 *
 * <p>The parameter gradient is a {@link Tuple} of the layers' gradients, part k for layer k. Layers
 * must share one architecture: the records of layer 0 must serve every layer.
 *
 * @param <S> the state type
 * @param <L> the parameter-gradient type of one layer
 */
public final class DepthIndexedField<S, L> implements DifferentiableField<S, Tuple> {

  /** Tolerance added to t N before flooring, so that grid times land on their own layer. */
  public static final double GRID_SLACK = 1e-9;

  private final List<DifferentiableField<S, L>> layers;
  private final TupleOps gradOps;

  private DepthIndexedField(List<? extends DifferentiableField<S, L>> layers) {
    this.layers = List.copyOf(layers);
    List<StateOps<L>> ops = new ArrayList<>();
    for (DifferentiableField<S, L> f : this.layers) {
      ops.add(f.gradOps());
    }
    this.gradOps = TupleOps.allParts(ops);
  }

  /**
   * Creates the field of the given layers, layer k for depth interval [k/N, (k+1)/N).
   *
   * @throws IllegalArgumentException if there are no layers
   */
  public static <S, L> DepthIndexedField<S, L> of(
      List<? extends DifferentiableField<S, L>> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a depth-indexed field needs at least one layer, got 0");
    }
    return new DepthIndexedField<>(layers);
  }

  /** Returns the number of layers N. */
  public int depth() {
    return layers.size();
  }

  /** Returns layer {@code k}. */
  public DifferentiableField<S, L> layer(int k) {
    return layers.get(k);
  }

  /** Returns the layer that serves time {@code t}: floor(t N + 1e-9), clamped to [0, N-1]. */
  public int layerAt(double t) {
    int n = layers.size();
    double k = Math.floor(t * n + GRID_SLACK);
    return (int) Math.max(0, Math.min(n - 1, k));
  }

  @Override
  public void evaluate(double t, S z, S dzdt) {
    layers.get(layerAt(t)).evaluate(t, z, dzdt);
  }

  @Override
  public StateOps<Tuple> gradOps() {
    return gradOps;
  }

  @Override
  public Tuple newGrad() {
    Object[] parts = new Object[layers.size()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = layers.get(k).newGrad();
    }
    return Tuple.of(parts);
  }

  @Override
  public void vjp(double t, S z, S a, S outZ, Tuple gradAcc) {
    int k = layerAt(t);
    layers.get(k).vjp(t, z, a, outZ, gradAcc.part(k));
  }

  @Override
  public EvalRecord newRecord(StateOps<S> ops, S like) {
    return new LayerRecord(layers.get(0).newRecord(ops, like));
  }

  @Override
  public void evaluate(double t, S z, S dzdt, EvalRecord record) {
    LayerRecord r = (LayerRecord) record;
    r.layer = layerAt(t);
    layers.get(r.layer).evaluate(t, z, dzdt, r.inner);
  }

  @Override
  public void vjp(EvalRecord record, S a, S outZ, Tuple gradAcc) {
    LayerRecord r = (LayerRecord) record;
    layers.get(r.layer).vjp(r.inner, a, outZ, gradAcc.part(r.layer));
  }

  /** A layer's record and the index of the layer that filled it. */
  private static final class LayerRecord implements EvalRecord {
    private final EvalRecord inner;
    private int layer;

    LayerRecord(EvalRecord inner) {
      this.inner = inner;
    }

    @Override
    public long bytes() {
      return inner.bytes() + Integer.BYTES;
    }
  }
}
