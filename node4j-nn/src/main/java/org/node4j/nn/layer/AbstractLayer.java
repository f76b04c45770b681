package org.node4j.nn.layer;

import java.util.Arrays;
import org.node4j.nn.ops.Shapes;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.ParameterSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * Base class that does the bookkeeping every layer shares: it checks that a cache belongs to this
 * layer, that inputs, cotangents and outputs have the cache's shapes and dtype, that a backward
 * pass follows a forward pass, and it records the input reference and the parameter source (read by
 * the layers through {@link Cache#params()}).
 *
 * @param <C> the layer's cache type
 */
public abstract class AbstractLayer<C extends Cache> implements Layer {
  private final Class<C> cacheType;

  /**
   * Creates the base.
   *
   * @param cacheType the class of the caches {@link #createCache} makes, for safe casts
   */
  protected AbstractLayer(Class<C> cacheType) {
    this.cacheType = cacheType;
  }

  /** Creates the cache after the shape and dtype checks have passed. */
  protected abstract C createCache(int[] inputShape, int[] outputShape, DType dtype);

  /**
   * Computes the output into {@code cache.output()}, reading parameters from {@code
   * cache.params()}; shapes are already checked.
   */
  protected abstract void doForward(Tensor x, C cache);

  /**
   * Computes the VJP, reading parameters from {@code cache.params()} and adding their gradients
   * into {@code grads}; shapes are already checked and a forward pass has run.
   */
  protected abstract void doBackward(Tensor dy, C cache, Tensor dxOrNull, GradientSink grads);

  /**
   * Checks that this layer can work in {@code dtype}; layers with parameters accept only their
   * parameters' dtype.
   */
  protected void checkDtype(DType dtype) {}

  @Override
  public final Cache newCache(int[] inputShape, DType dtype) {
    checkDtype(dtype);
    int[] out = outputShape(inputShape);
    return createCache(inputShape.clone(), out, dtype);
  }

  @Override
  public final Tensor forward(Tensor x, Cache cache, ParameterSource params) {
    C c = checkForward(x, cache, params);
    doForward(x, c);
    c.setInput(x);
    return c.output();
  }

  @Override
  public final void backward(Tensor dy, Cache cache, Tensor dx, GradientSink grads) {
    doBackward(dy, checkBackward(dy, cache, dx, grads), dx, grads);
  }

  /** Checks a forward pass's input and cache, records the parameter source; returns the cache. */
  final C checkForward(Tensor x, Cache cache, ParameterSource params) {
    C c = own(cache);
    if (!Shapes.hasShape(x, c.inputShapeRef(), c.dtype())) {
      throw Shapes.mismatch("input of " + this, c.inputShapeRef(), c.dtype(), x);
    }
    c.setParams(java.util.Objects.requireNonNull(params, "params"));
    return c;
  }

  /** Checks a backward pass's cotangents and cache; returns the cache. */
  final C checkBackward(Tensor dy, Cache cache, Tensor dx, GradientSink grads) {
    java.util.Objects.requireNonNull(grads, "grads");
    C c = own(cache);
    c.parameterGradients = !grads.discards();
    if (!c.filled()) {
      throw new IllegalStateException(
          "backward of " + this + " before any forward pass on this cache; call forward first");
    }
    if (!Shapes.hasShape(dy, c.outputShapeRef(), c.dtype())) {
      throw Shapes.mismatch("output cotangent of " + this, c.outputShapeRef(), c.dtype(), dy);
    }
    if (dx != null) {
      if (!Shapes.hasShape(dx, c.inputShapeRef(), c.dtype())) {
        throw Shapes.mismatch("input cotangent of " + this, c.inputShapeRef(), c.dtype(), dx);
      }
      if (dx == dy || dx == c.output() || dx == c.input()) {
        throw new IllegalArgumentException(
            "dx of " + this + " must be a separate buffer, not dy, the input or the output");
      }
    }
    return c;
  }

  // Sample-chunked passes. A network that runs a whole pass as one parallel region over chunks of
  // the batch ({@link Sequential}) drives its layers through the hooks below: a serial bind step
  // per layer, then every layer's chunk body for one chunk of samples on one thread, then a serial
  // finish (the parameter-gradient partials reduced in chunk order). Layers that couple samples
  // (BatchNorm) keep the default {@link #sampleWise()} false, and networks holding one keep the
  // per-layer regions.

  /**
   * Whether sample n (index n of the leading dimension) of the output depends only on sample n of
   * the input, so that the layer's passes can run per chunk of samples ({@link #forwardSamples},
   * {@link #backwardSamples}). Layers that say so keep the leading dimension and support chunk
   * indices below {@link Chunking#MAX_CHUNKS}.
   */
  boolean sampleWise() {
    return false;
  }

  /**
   * Whether a chunk may run its backward pass while other chunks still run their forward pass on
   * {@code c} (one region for a recomputing VJP, see {@link Sequential#forwardBackward}): true
   * unless the two passes share per-layer scratch that each binds for itself.
   */
  boolean overlapsPasses(C c) {
    return sampleWise();
  }

  /** {@link #overlapsPasses} for a cache of this layer. */
  final boolean overlapsSamplePasses(Cache cache) {
    return overlapsPasses(cacheType.cast(cache));
  }

  /**
   * Whether more chunks cost this layer nothing but their share of the work: no operand packed or
   * parameter-gradient partial kept and reduced per chunk, and parameter gradients that are the
   * same bits however the batch is chunked. A network of such layers may split smaller batches
   * ({@link Chunking#MIN_FREE_SAMPLE_CHUNK_FLOPS}). Parameter-free sample-wise layers say so; a
   * layer with per-chunk partials does not.
   */
  boolean chunksFreely(C c) {
    return false;
  }

  /** {@link #chunksFreely} for a cache of this layer. */
  final boolean chunksFreelyFor(Cache cache) {
    return chunksFreely(cacheType.cast(cache));
  }

  /** The floating-point operations of one sample's forward pass, for the chunk model. */
  long forwardFlopsPerSample(C c) {
    return 0;
  }

  /**
   * The serial part of a sample-chunked forward pass: binds the input and the parameter values
   * (already recorded in {@code c.params()}) before chunks of {@code sampleGrain} samples run.
   */
  void bindForward(Tensor x, C c, int sampleGrain) {
    throw new UnsupportedOperationException(this + " couples samples");
  }

  /** The forward pass of samples {@code [s0, s1)}, chunk {@code s0 / sampleGrain} of the pass. */
  void forwardSamples(C c, int s0, int s1) {
    throw new UnsupportedOperationException(this + " couples samples");
  }

  /**
   * The serial part of a sample-chunked backward pass: binds the cotangents and sizes the
   * parameter-gradient partials for {@code chunks} chunks of {@code sampleGrain} samples.
   */
  void bindBackward(Tensor dy, C c, Tensor dx, int sampleGrain, int chunks) {
    throw new UnsupportedOperationException(this + " couples samples");
  }

  /** The backward pass of samples {@code [s0, s1)}: dx rows and this chunk's partials. */
  void backwardSamples(C c, int s0, int s1) {
    throw new UnsupportedOperationException(this + " couples samples");
  }

  /** Adds the {@code chunks} partials into {@code grads} in chunk order and unbinds. */
  void finishBackward(C c, GradientSink grads, int chunks) {
    throw new UnsupportedOperationException(this + " couples samples");
  }

  /**
   * Prepares {@code c} for sample-chunked passes of {@code chunks} chunks (per-chunk scratch is
   * made here, once, not during a pass).
   */
  void reserveChunks(C c, int chunks) {}

  /** {@link #reserveChunks} for a cache of this layer. */
  final void reserveSampleChunks(Cache cache, int chunks) {
    reserveChunks(cacheType.cast(cache), chunks);
  }

  /** {@link #forwardFlopsPerSample} for a cache of this layer. */
  final long sampleFlops(Cache cache) {
    return forwardFlopsPerSample(cacheType.cast(cache));
  }

  /** Checks and binds the forward pass of a sample-chunked network (see {@link Sequential}). */
  final void beginForward(Tensor x, Cache cache, ParameterSource params, int sampleGrain) {
    bindForward(x, checkForward(x, cache, params), sampleGrain);
  }

  /** Runs samples {@code [s0, s1)} of the bound forward pass. */
  final void runForward(Cache cache, int s0, int s1) {
    forwardSamples(cacheType.cast(cache), s0, s1);
  }

  /** Ends a sample-chunked forward pass: the cache now holds a filled evaluation. */
  final void endForward(Tensor x, Cache cache) {
    cache.setInput(x);
  }

  /** Checks and binds the backward pass of a sample-chunked network. */
  final void beginBackward(
      Tensor dy, Cache cache, Tensor dx, GradientSink grads, int sampleGrain, int chunks) {
    bindBackward(dy, checkBackward(dy, cache, dx, grads), dx, sampleGrain, chunks);
  }

  /** Runs samples {@code [s0, s1)} of the bound backward pass. */
  final void runBackward(Cache cache, int s0, int s1) {
    backwardSamples(cacheType.cast(cache), s0, s1);
  }

  /** Ends a sample-chunked backward pass: reduces the partials into {@code grads}. */
  final void endBackward(Cache cache, GradientSink grads, int chunks) {
    finishBackward(cacheType.cast(cache), grads, chunks);
  }

  /**
   * A cache whose output buffer is shared by all of this layer's transient caches of one shape, for
   * a layer whose output only the next layer's forward pass reads ({@link Sequential} decides
   * when): {@link Linear#newTransientCache}, {@link ConvLayer#newTransientCache}. Other layers keep
   * their output in every cache and do not override this.
   */
  Cache newTransientCache(int[] inputShape, DType dtype) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " keeps its output in every cache; it has no transient cache");
  }

  /**
   * The buffer of {@code pool} with this dtype and shape, made and added to the pool if there is
   * none: the one output buffer that a layer's transient caches share ({@link
   * Linear#newTransientCache}, {@link ConvLayer#newTransientCache}).
   */
  static Tensor sharedBuffer(java.util.List<Tensor> pool, DType dtype, int[] shape) {
    for (Tensor t : pool) {
      if (t.dtype() == dtype && Arrays.equals(t.shape(), shape)) {
        return t;
      }
    }
    Tensor t = Tensor.zeros(dtype, shape);
    pool.add(t);
    return t;
  }

  /** Checks that {@code dtype} equals the parameters' dtype {@code expected}. */
  protected final void requireDtype(DType expected, DType dtype) {
    if (expected != dtype) {
      throw new IllegalArgumentException(
          this + " has " + expected + " parameters but was asked for a " + dtype + " cache");
    }
  }

  /** Throws an {@link IllegalArgumentException} about an input shape this layer cannot take. */
  protected final IllegalArgumentException badInput(int[] inputShape, String expected) {
    return new IllegalArgumentException(
        this + " expects input " + expected + " but got " + Arrays.toString(inputShape));
  }

  private C own(Cache cache) {
    if (cache.owner() != this || !cacheType.isInstance(cache)) {
      throw new IllegalArgumentException(
          "cache was made by "
              + cache.owner()
              + ", not by "
              + this
              + "; use newCache() of "
              + this);
    }
    return cacheType.cast(cache);
  }
}
