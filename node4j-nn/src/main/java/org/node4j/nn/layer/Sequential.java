package org.node4j.nn.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.node4j.nn.ops.Shapes;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Layers applied one after another; the network type of the seeds' vector fields and heads.
 *
 * <p>Its cache holds one child cache per layer plus a copy of its own input, so a whole network may
 * be fed from a buffer that the caller reuses (a solver's stage buffer) and differentiated later.
 * The cotangent buffers between layers are scratch owned by this network, kept per input shape and
 * reused, so backward passes allocate nothing after the first call for a shape.
 *
 * <p>The same layer instance may appear more than once (weight tying); its parameters are listed
 * once. Distinct parameters must have distinct names (give layers names with their builders).
 */
public final class Sequential extends AbstractLayer<Sequential.SeqCache> {
  private final Layer[] layers;
  private final List<Parameter> parameters;
  private final List<Tensor[]> cotangents = new ArrayList<>();
  private final List<Cache> scratch = new ArrayList<>();

  private Sequential(Layer[] layers) {
    super(SeqCache.class);
    this.layers = layers;
    this.parameters = collect(layers);
  }

  /**
   * Composes {@code layers} in order.
   *
   * @throws IllegalArgumentException if there is no layer or two distinct parameters share a name
   */
  public static Sequential of(Layer... layers) {
    if (layers.length == 0) {
      throw new IllegalArgumentException("a Sequential needs at least one layer");
    }
    return new Sequential(layers.clone());
  }

  /** Returns the layers, in order. */
  public List<Layer> layers() {
    return List.of(layers);
  }

  private static List<Parameter> collect(Layer[] layers) {
    Map<Parameter, Boolean> seen = new IdentityHashMap<>();
    Map<String, Parameter> byName = new HashMap<>();
    List<Parameter> out = new ArrayList<>();
    for (Layer l : layers) {
      for (Parameter p : l.parameters()) {
        if (seen.put(p, Boolean.TRUE) != null) {
          continue;
        }
        Parameter clash = byName.put(p.name(), p);
        if (clash != null) {
          throw new IllegalArgumentException(
              "two parameters are named '" + p.name() + "'; give the layers distinct names");
        }
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public int[] outputShape(int[] inputShape) {
    int[] s = inputShape;
    for (Layer l : layers) {
      s = l.outputShape(s);
    }
    return s;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public void setTraining(boolean training) {
    for (Layer l : layers) {
      l.setTraining(training);
    }
  }

  @Override
  protected SeqCache createCache(int[] inputShape, int[] outputShape, DType dtype) {
    Cache[] children = new Cache[layers.length];
    int[] s = inputShape;
    for (int i = 0; i < layers.length; i++) {
      children[i] = layers[i].newCache(s, dtype);
      s = layers[i].outputShape(s);
    }
    return new SeqCache(this, inputShape, outputShape, dtype, children);
  }

  @Override
  protected void doForward(Tensor x, SeqCache c) {
    c.x.copyFrom(x);
    Tensor cur = c.x;
    for (int i = 0; i < layers.length; i++) {
      cur = layers[i].forward(cur, c.children[i], c.params());
    }
  }

  @Override
  protected void doBackward(Tensor dy, SeqCache c, Tensor dx, GradientSink grads) {
    Tensor[] bufs = cotangentsFor(c);
    Tensor cur = dy;
    for (int i = layers.length - 1; i >= 0; i--) {
      Tensor target = i == 0 ? dx : bufs[i - 1];
      layers[i].backward(cur, c.children[i], target, grads);
      cur = target;
    }
  }

  /**
   * Recomputes the forward pass at {@code x} in a scratch cache owned by this network, then writes
   * {@code dx = dy^T df/dx} and accumulates {@code dy^T df/dtheta}: the VJP a checkpointed or
   * continuous adjoint needs. Not for concurrent use.
   */
  public void vjp(Tensor x, Tensor dy, Tensor dx) {
    vjp(x, dy, dx, scratchFor(x));
  }

  private Tensor[] cotangentsFor(SeqCache c) {
    for (int i = 0; i < cotangents.size(); i++) {
      Tensor[] t = cotangents.get(i);
      if (Shapes.hasShape(t[layers.length - 1], c.inputShapeRef(), c.dtype())) {
        return t;
      }
    }
    Tensor[] t = new Tensor[layers.length];
    for (int i = 0; i < layers.length - 1; i++) {
      t[i] = c.children[i].output().zerosLike();
    }
    t[layers.length - 1] = Tensor.zeros(c.dtype(), c.inputShapeRef()); // the key
    cotangents.add(t);
    return t;
  }

  private Cache scratchFor(Tensor x) {
    for (int i = 0; i < scratch.size(); i++) {
      Cache s = scratch.get(i);
      if (Shapes.hasShape(x, s.inputShapeRef(), s.dtype())) {
        return s;
      }
    }
    Cache s = newCache(x.shape(), x.dtype());
    scratch.add(s);
    return s;
  }

  @Override
  public String toString() {
    return "Sequential" + Arrays.toString(layers);
  }

  /** The state of one evaluation: a copy of the input and one cache per layer. */
  static final class SeqCache extends Cache {
    final Tensor x;
    final Cache[] children;

    SeqCache(Sequential s, int[] in, int[] out, DType dtype, Cache[] children) {
      super(s, in, out, dtype);
      this.x = Tensor.zeros(dtype, in);
      this.children = children;
    }

    @Override
    public Tensor output() {
      return children[children.length - 1].output();
    }

    @Override
    public long savedBytes() {
      long b = x.bytes();
      for (Cache c : children) {
        b += c.savedBytes();
      }
      return b;
    }
  }
}
