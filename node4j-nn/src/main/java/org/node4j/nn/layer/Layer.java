package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.param.ParameterSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * A differentiable map from one tensor to another, with trainable parameters.
 *
 * <p>Continuous-depth models evaluate one layer many times per training iteration (every stage of
 * every solver step) and may differentiate those evaluations later and in any order. So a layer
 * holds only its parameters and reusable scratch space; everything an evaluation needs for its
 * backward pass lives in a caller-owned {@link Cache}, one per evaluation slot. A cache is made
 * once by {@link #newCache} and reused across iterations, so steady-state training allocates
 * nothing.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * Cache c = layer.newCache(x.shape(), x.dtype());
 * Tensor y = layer.forward(x, c);          // y is owned by c
 * layer.backward(dLdy, c, dLdx);           // writes dLdx, adds into every Parameter.grad()
 * }</pre>
 *
 * <p><b>Where parameters come from and where gradients go.</b> A forward pass reads every parameter
 * through a {@link ParameterSource} and a backward pass adds every parameter gradient into a {@link
 * GradientSink}, both chosen by the caller; the short forms use the parameters' own value and
 * gradient ({@link ParameterSource#OWN}, {@link GradientSink#OWN}). A depth-indexed network passes
 * theta_k as the source, and a gradient method with its own accumulator passes that accumulator as
 * the sink: no weights are copied and no gradient buffer is saved or restored.
 *
 * <pre>{@code
 * Tensor y = layer.forward(x, c, thetaK);  // reads thetaK.value(p) for each parameter p
 * layer.backward(dLdy, c, dLdx, acc);      // adds into acc.grad(p), reading thetaK again
 * }</pre>
 *
 * <p>Contract shared by every implementation:
 *
 * <ul>
 *   <li>{@link #forward} keeps a reference to its input in the cache; the caller must not change
 *       the input until the last {@link #backward} from that cache ({@link Sequential} copies its
 *       own input, so a whole network is safe to feed from a reused buffer).
 *   <li>{@link #backward} overwrites {@code dx} and <em>accumulates</em> into the sink's gradients;
 *       it may be called several times from one cache (several cotangents).
 *   <li>One layer instance runs one forward or backward at a time: a layer owns reusable scratch
 *       space, so concurrent calls on one instance are not allowed. The work inside one call is
 *       parallelised over the batch, with results independent of the thread count.
 *   <li>Shapes and dtypes are checked on every call; a mismatch throws an {@link
 *       IllegalArgumentException} naming both shapes.
 * </ul>
 */
public interface Layer {

  /**
   * Returns the output shape for an input of shape {@code inputShape}.
   *
   * @throws IllegalArgumentException if the layer cannot take that input, naming the shape
   */
  int[] outputShape(int[] inputShape);

  /** Returns the trainable parameters, in a stable order (empty for parameter-free layers). */
  List<Parameter> parameters();

  /**
   * Creates the per-evaluation state for inputs of the given shape and dtype.
   *
   * @throws IllegalArgumentException if the shape does not fit the layer, or the dtype differs from
   *     the dtype of the layer's parameters
   */
  Cache newCache(int[] inputShape, DType dtype);

  /**
   * Evaluates the layer with its own parameter values: {@link #forward(Tensor, Cache,
   * ParameterSource)} with {@link ParameterSource#OWN}.
   */
  default Tensor forward(Tensor x, Cache cache) {
    return forward(x, cache, ParameterSource.OWN);
  }

  /**
   * Evaluates the layer, remembering in {@code cache} what the backward pass needs, the parameter
   * source included.
   *
   * @param x the input, of the cache's input shape and dtype; referenced, not copied
   * @param cache a cache made by this layer
   * @param params where the parameter values are read; referenced by the cache until its next
   *     forward pass, so the backward pass differentiates at the same values
   * @return the output, owned by {@code cache} and overwritten by its next forward
   */
  Tensor forward(Tensor x, Cache cache, ParameterSource params);

  /**
   * Evaluates the layer into a caller-owned buffer (for vector fields that write f(t, z) into the
   * solver's stage buffer).
   */
  default void forward(Tensor x, Cache cache, Tensor out) {
    forward(x, cache, ParameterSource.OWN, out);
  }

  /** Evaluates the layer with parameters from {@code params} into a caller-owned buffer. */
  default void forward(Tensor x, Cache cache, ParameterSource params, Tensor out) {
    Tensor y = forward(x, cache, params);
    org.node4j.nn.ops.Shapes.requireSame("forward output", y, out);
    out.copyFrom(y);
  }

  /**
   * The vector-Jacobian product into the parameters' own gradients: {@link #backward(Tensor, Cache,
   * Tensor, GradientSink)} with {@link GradientSink#OWN}.
   */
  default void backward(Tensor dy, Cache cache, Tensor dx) {
    backward(dy, cache, dx, GradientSink.OWN);
  }

  /**
   * The vector-Jacobian product at the point of the cache's last forward pass (its input and its
   * parameter source): writes {@code dx = dy^T dy/dx} and adds {@code dy^T dy/dtheta} into {@code
   * grads.grad(p)} for each parameter p.
   *
   * @param dy the cotangent of the output, of the output shape
   * @param cache the cache of the forward pass to differentiate
   * @param dx receives the cotangent of the input; {@code null} skips that work
   * @param grads where the parameter gradients are added
   * @throws IllegalStateException if the cache has not seen a forward pass
   */
  void backward(Tensor dy, Cache cache, Tensor dx, GradientSink grads);

  /**
   * Recomputes the forward pass at {@code x} into {@code scratch}, then runs {@link #backward}: the
   * VJP of a stored-input (checkpointed) evaluation.
   */
  default void vjp(Tensor x, Tensor dy, Tensor dx, Cache scratch) {
    forward(x, scratch);
    backward(dy, scratch, dx);
  }

  /** Returns the bytes {@code cache} holds for the backward pass. */
  default long savedBytes(Cache cache) {
    return cache.savedBytes();
  }

  /**
   * Switches between training and evaluation behaviour (only BatchNorm differs); the default is
   * training, as in PyTorch. Composite layers forward the setting to their children.
   */
  default void setTraining(boolean training) {}

  /**
   * Returns a layer that computes exactly what this one computes, for another thread to run
   * alongside it (the shards of a batch, {@code org.node4j.nn.model.OdeBlock}): this layer itself
   * when it keeps no scratch between calls, else a new instance of the same configuration with
   * parameters of its own, which the caller never reads (it reads this layer's parameters through a
   * {@link ParameterSource}); {@code null} when the layer cannot be replicated (the default).
   */
  default Layer replica() {
    return null;
  }
}
