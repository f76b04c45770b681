package org.node4j.nn.layer;

import org.node4j.nn.param.ParameterSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * The state of one evaluation of a {@link Layer}: its output buffer and what its backward pass
 * needs. Made by {@link Layer#newCache}, owned by the caller, and reused across iterations.
 *
 * <p>A cache belongs to the layer that made it; passing it to another layer is an error.
 */
public abstract class Cache {
  private final Layer owner;
  private final int[] inputShape;
  private final int[] outputShape;
  private final DType dtype;
  private Tensor input;
  private ParameterSource params = ParameterSource.OWN;

  /**
   * Whether the bound backward pass computes parameter gradients (false when its sink {@link
   * org.node4j.nn.param.GradientSink#discards}); set by the layer's backward checks.
   */
  boolean parameterGradients = true;

  /**
   * Creates a cache.
   *
   * @param owner the layer that made it
   * @param inputShape the input shape it serves
   * @param outputShape the layer's output shape for that input
   * @param dtype the element type
   */
  protected Cache(Layer owner, int[] inputShape, int[] outputShape, DType dtype) {
    this.owner = owner;
    this.inputShape = inputShape.clone();
    this.outputShape = outputShape.clone();
    this.dtype = dtype;
  }

  /** Returns the output of the last forward pass (a buffer owned by this cache). */
  public abstract Tensor output();

  /** Returns the bytes this cache holds for the backward pass, its output included. */
  public abstract long savedBytes();

  /** Returns the layer that made this cache. */
  public Layer owner() {
    return owner;
  }

  /** Returns a copy of the input shape. */
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** Returns a copy of the output shape. */
  public int[] outputShape() {
    return outputShape.clone();
  }

  /** Returns the element type. */
  public DType dtype() {
    return dtype;
  }

  /** Returns the input of the last forward pass, or {@code null} before the first one. */
  public Tensor input() {
    return input;
  }

  /**
   * Returns where the last forward pass read the parameter values ({@link ParameterSource#OWN}
   * before the first one); the backward pass reads the same values.
   */
  public ParameterSource params() {
    return params;
  }

  /** Returns {@code true} once a forward pass has filled this cache. */
  public boolean filled() {
    return input != null;
  }

  int[] inputShapeRef() {
    return inputShape;
  }

  int[] outputShapeRef() {
    return outputShape;
  }

  void setInput(Tensor x) {
    input = x;
  }

  void setParams(ParameterSource source) {
    params = source;
  }
}
