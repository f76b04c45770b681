package org.node4j.nn.layer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.ops.Shapes;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.param.ParameterSource;
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
 *
 * <p><b>One parallel region per pass.</b> When every layer is sample-wise (sample n of its output
 * depends only on sample n of its input: Linear, the convolutions, the activations, Flatten) and
 * the batch carries enough work, a forward pass is a single {@link Parallel#forChunks} region over
 * fixed chunks of the batch, in which one thread runs its chunk through all the layers, and so is a
 * backward pass (through all the layers in reverse). Every product and elementwise loop inside a
 * chunk runs inline on that thread ({@link Parallel} never splits a loop inside a region), so a
 * chunk's activations stay in one core's cache from the first layer to the last, and the workers
 * are handed work once per pass instead of once per layer and product: in the spirit of
 * data-parallel training, where each replica runs whole passes on its shard of the batch. Each
 * chunk adds its parameter gradients into its own partial buffers, which are reduced in chunk order
 * after the region. The chunks ({@link Chunking#sampleGrain}) depend only on the batch size and the
 * work per sample, never on the thread count, so results are bit-identical for any thread count;
 * compared with the layer-by-layer passes, outputs and input cotangents are the same bits and
 * parameter gradients differ only by the order of their chunk sums. Networks with a layer that
 * couples samples (BatchNorm), the same layer instance twice, or a batch too small for two chunks
 * run layer by layer, each layer splitting its own work.
 */
public final class Sequential extends AbstractLayer<Sequential.SeqCache> {
  /**
   * Whether passes may run as one parallel region over chunks of samples (see the class comment);
   * false forces the layer-by-layer passes, for comparisons of the two ({@code
   * -Dnode4j.chunkedPasses=false}, or in-process by the tests). Read when a cache is made.
   */
  static volatile boolean chunkedPasses =
      Boolean.parseBoolean(System.getProperty("node4j.chunkedPasses", "true"));

  /**
   * Whether a convolution followed by an activation that reads only its output backwards gets a
   * transient output ({@link ConvLayer#newTransientCache}); false keeps every convolution's output,
   * for comparisons (the tests, and in-process A/B runs such as {@code W1Alternation} in
   * node4j-bench). Read when a cache is made.
   */
  static volatile boolean transientConvOutputs = true;

  private final Layer[] layers;

  /** The layers as {@link AbstractLayer}s, {@code null} where a layer is not one. */
  private final AbstractLayer<?>[] sampleWise;

  /**
   * Whether the last layer is a {@link Linear}, whose backward pass reads its input and weights and
   * never its output, so that {@link #record} can skip computing that output.
   */
  private final boolean lastOutputUnread;

  private final List<Parameter> parameters;
  private final List<Tensor[]> cotangents = new ArrayList<>();
  private final List<Cache> scratch = new ArrayList<>();

  private Sequential(Layer[] layers) {
    super(SeqCache.class);
    this.layers = layers;
    this.sampleWise = new AbstractLayer<?>[layers.length];
    for (int i = 0; i < layers.length; i++) {
      sampleWise[i] = layers[i] instanceof AbstractLayer<?> a ? a : null;
    }
    this.parameters = collect(layers);
    this.lastOutputUnread = layers.length > 0 && layers[layers.length - 1] instanceof Linear;
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

  /**
   * Returns a network of the layers' replicas ({@link Layer#replica}), in order, one replica per
   * distinct layer instance (so weight tying is kept), or {@code null} when a layer cannot be
   * replicated. Its cotangent and scratch buffers are its own, so another thread can run it
   * alongside this network.
   */
  @Override
  public Sequential replica() {
    Map<Layer, Layer> copies = new IdentityHashMap<>();
    Layer[] out = new Layer[layers.length];
    for (int i = 0; i < layers.length; i++) {
      Layer r = copies.computeIfAbsent(layers[i], Layer::replica);
      if (r == null) {
        return null;
      }
      out[i] = r;
    }
    return new Sequential(out);
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

  /**
   * The work of one forward pass over a batch: the samples per chunk of its one-region passes (see
   * the class comment), 0 when the passes run layer by layer (a layer couples samples, one instance
   * appears twice, or the batch is too small to split); and its floating-point operations as those
   * passes count them (the products' multiply-adds), 0 when the layers are not all sample-chunked.
   * Both are fixed by the shapes, never by the thread count, so callers that split a batch by the
   * grain (an ODE block's shards, {@code org.node4j.nn.model.OdeBlock}) keep results independent of
   * the thread count.
   *
   * @param grain samples per chunk, or 0
   * @param flops forward floating-point operations over the whole batch, or 0
   */
  public record PassWork(int grain, long flops) {}

  /**
   * Returns the {@link PassWork} of inputs of {@code inputShape}. Builds one cache to find out;
   * call it once per shape.
   */
  public PassWork passWork(int[] inputShape, DType dtype) {
    SeqCache c = (SeqCache) newCache(inputShape, dtype);
    SampleWork w = sampleWork(inputShape, c.children);
    return new PassWork(c.chunks >= 2 ? c.grain : 0, w == null ? 0 : w.flops() * c.samples);
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
      children[i] =
          outputIsTransient(i)
              ? ((AbstractLayer<?>) layers[i]).newTransientCache(s, dtype)
              : layers[i].newCache(s, dtype);
      s = layers[i].outputShape(s);
    }
    SeqCache c =
        new SeqCache(
            this, inputShape, outputShape, dtype, children, sampleGrain(inputShape, children));
    if (c.chunks >= 2) {
      for (int i = 0; i < layers.length; i++) {
        sampleWise[i].reserveSampleChunks(children[i], c.chunks);
      }
    }
    return c;
  }

  /**
   * Whether layer i's output is read only by layer i + 1's forward pass: a {@link Linear} or a
   * convolution (neither reads its own output) followed by an activation whose backward pass reads
   * only its own output. Then its caches share one output buffer ({@link Linear#newTransientCache},
   * {@link ConvLayer#newTransientCache}). The network's output (the last layer's) is always kept.
   */
  private boolean outputIsTransient(int i) {
    return i + 1 < layers.length
        && (layers[i] instanceof Linear || layers[i] instanceof ConvLayer && transientConvOutputs)
        && layers[i + 1] instanceof Activation a
        && !a.backwardReadsInput();
  }

  @Override
  protected void doForward(Tensor x, SeqCache c) {
    c.x.copyFrom(x);
    if (c.chunks < 2) {
      Tensor cur = c.x;
      int run = c.skipLast ? layers.length - 1 : layers.length;
      for (int i = 0; i < run; i++) {
        cur = layers[i].forward(cur, c.children[i], c.params());
      }
      if (c.skipLast) {
        // bound and marked filled, as after its forward pass, but its product not run
        sampleWise[run].beginForward(cur, c.children[run], c.params(), 1);
        sampleWise[run].endForward(cur, c.children[run]);
      }
      return;
    }
    beginForward(c);
    Parallel.forChunks(c.samples, c.grain, c.forwardBody);
    endForward(c);
  }

  @Override
  protected void doBackward(Tensor dy, SeqCache c, Tensor dx, GradientSink grads) {
    if (c.chunks < 2) {
      Tensor[] bufs = cotangentsFor(c);
      Tensor cur = dy;
      for (int i = layers.length - 1; i >= 0; i--) {
        Tensor target = i == 0 ? dx : bufs[i - 1];
        layers[i].backward(cur, c.children[i], target, grads);
        cur = target;
      }
      return;
    }
    beginBackward(dy, c, dx, grads);
    Parallel.forChunks(c.samples, c.grain, c.backwardBody);
    endBackward(c, grads);
  }

  /**
   * Evaluates the network into a caller-owned buffer (a solver's stage buffer); in a one-region
   * pass each chunk copies its rows of the output into {@code out} itself, so the copy runs in
   * parallel and on the core that computed the rows.
   */
  @Override
  public void forward(Tensor x, Cache cache, ParameterSource params, Tensor out) {
    if (cache instanceof SeqCache c
        && c.owner() == this
        && c.chunks >= 2
        && Shapes.hasShape(out, c.outputShapeRef(), c.dtype())
        && out != x) {
      c.out = out;
      try {
        forward(x, cache, params);
      } finally {
        c.out = null;
      }
      return;
    }
    super.forward(x, cache, params, out);
  }

  /**
   * Records at {@code x} what the backward pass needs, into {@code cache}, without the network's
   * output when the last layer is a {@link Linear}: every layer but the last runs its forward pass,
   * and the last is bound to its input and weights without its product, the evaluation's last one
   * ({@code DifferentiableField.record}: a replayed step's stage that nothing reads). {@code
   * scratch} is then left unspecified; with another last layer this is a forward pass into it. A
   * backward pass from the cache gives the same bits as after {@link #forward(Tensor, Cache,
   * ParameterSource, Tensor)}.
   */
  public void record(Tensor x, Cache cache, ParameterSource params, Tensor scratch) {
    if (!lastOutputUnread || !(cache instanceof SeqCache c) || c.owner() != this) {
      forward(x, cache, params, scratch);
      return;
    }
    c.skipLast = true;
    try {
      forward(x, cache, params);
    } finally {
      c.skipLast = false;
    }
  }

  /** Runs samples {@code [s0, s1)} through every layer: one chunk of a forward pass. */
  private void forwardChunk(SeqCache c, int s0, int s1) {
    int run = c.skipLast ? layers.length - 1 : layers.length;
    for (int i = 0; i < run; i++) {
      sampleWise[i].runForward(c.children[i], s0, s1);
    }
    if (c.out != null) {
      int per = c.outputPerSample;
      c.out.copyRange(c.output(), s0 * per, s0 * per, (s1 - s0) * per);
    }
  }

  /**
   * Evaluates the network at {@code x} into {@code cache}, then runs that evaluation's backward
   * pass: {@link #forward(Tensor, Cache, ParameterSource)} followed by {@link #backward(Tensor,
   * Cache, Tensor, GradientSink)}, the vector-Jacobian product of a recomputed evaluation ({@link
   * #vjp}, a field's recomputing VJP). With one-region passes both run in a single region, each
   * chunk taking its samples forward and straight back while its activations are still in its
   * core's cache; the results are the same bits as the two passes one after the other.
   */
  public void forwardBackward(
      Tensor x, Cache cache, ParameterSource params, Tensor dy, Tensor dx, GradientSink grads) {
    forwardBackward(x, cache, params, null, dy, dx, grads);
  }

  /**
   * {@link #forwardBackward(Tensor, Cache, ParameterSource, Tensor, Tensor, GradientSink)} that
   * also writes the network's output into {@code out} (unless it is null), as {@link
   * #forward(Tensor, Cache, ParameterSource, Tensor)} would: the continuous adjoint's evaluations
   * read both f(t, z) and its VJP.
   */
  public void forwardBackward(
      Tensor x,
      Cache cache,
      ParameterSource params,
      Tensor out,
      Tensor dy,
      Tensor dx,
      GradientSink grads) {
    if (!(cache instanceof SeqCache s)
        || s.owner() != this
        || !s.overlaps
        || (out != null && (!Shapes.hasShape(out, s.outputShapeRef(), s.dtype()) || out == x))) {
      if (out == null) {
        forward(x, cache, params);
      } else {
        forward(x, cache, params, out);
      }
      backward(dy, cache, dx, grads);
      return;
    }
    SeqCache c = checkForward(x, cache, params);
    c.x.copyFrom(x);
    c.setInput(x);
    checkBackward(dy, c, dx, grads);
    beginForward(c);
    endForward(c);
    beginBackward(dy, c, dx, grads);
    c.out = out;
    try {
      Parallel.forChunks(c.samples, c.grain, c.forwardBackwardBody);
    } finally {
      c.out = null;
    }
    endBackward(c, grads);
  }

  /** Binds every layer's forward pass on the activations of the layer before (from {@code c.x}). */
  private void beginForward(SeqCache c) {
    Tensor cur = c.x;
    for (int i = 0; i < layers.length; i++) {
      sampleWise[i].beginForward(cur, c.children[i], c.params(), c.grain);
      cur = c.children[i].output();
    }
  }

  /** Ends every layer's forward pass: each cache now holds a filled evaluation. */
  private void endForward(SeqCache c) {
    Tensor cur = c.x;
    for (int i = 0; i < layers.length; i++) {
      sampleWise[i].endForward(cur, c.children[i]);
      cur = c.children[i].output();
    }
  }

  /**
   * Ends every layer's backward pass, last layer first: reduces the partials into {@code grads}.
   */
  private void endBackward(SeqCache c, GradientSink grads) {
    for (int i = layers.length - 1; i >= 0; i--) {
      sampleWise[i].endBackward(c.children[i], grads, c.chunks);
    }
  }

  /** Binds every layer's backward pass, last layer first, with the cotangent buffers between. */
  private void beginBackward(Tensor dy, SeqCache c, Tensor dx, GradientSink grads) {
    Tensor[] bufs = cotangentsFor(c);
    Tensor cur = dy;
    for (int i = layers.length - 1; i >= 0; i--) {
      Tensor target = i == 0 ? dx : bufs[i - 1];
      sampleWise[i].beginBackward(cur, c.children[i], target, grads, c.grain, c.chunks);
      cur = target;
    }
  }

  @Override
  public void vjp(Tensor x, Tensor dy, Tensor dx, Cache scratch) {
    forwardBackward(x, scratch, ParameterSource.OWN, dy, dx, GradientSink.OWN);
  }

  /** Runs samples {@code [s0, s1)} back through every layer: one chunk of a backward pass. */
  private void backwardChunk(SeqCache c, int s0, int s1) {
    for (int i = layers.length - 1; i >= 0; i--) {
      sampleWise[i].runBackward(c.children[i], s0, s1);
    }
  }

  /**
   * Returns the samples per chunk of one-region passes for a cache with {@code children} and input
   * shape {@code in}, or 0 when the passes must run layer by layer: the layers cannot run them
   * ({@link #sampleWork}) or the batch is too small to split. Networks whose layers all chunk
   * freely ({@link AbstractLayer#chunksFreely}) split smaller batches.
   */
  private int sampleGrain(int[] in, Cache[] children) {
    if (!chunkedPasses || in.length < 2 || in[0] < 2) {
      return 0;
    }
    SampleWork w = sampleWork(in, children);
    if (w == null) {
      return 0;
    }
    return Chunking.sampleGrain(
        in[0],
        w.flops(),
        w.free() ? Chunking.MIN_FREE_SAMPLE_CHUNK_FLOPS : Chunking.MIN_SAMPLE_CHUNK_FLOPS);
  }

  /**
   * The forward work per sample of sample-chunked passes, and whether every layer chunks freely.
   */
  private record SampleWork(long flops, boolean free) {}

  /**
   * Returns the {@link SampleWork} of a cache with {@code children} and input shape {@code in}, or
   * {@code null} when the layers cannot run sample-chunked passes: a layer couples samples or is
   * not sample-chunked, one layer instance appears twice (its partials and scratch are per
   * instance), or a layer changes the batch size.
   */
  private SampleWork sampleWork(int[] in, Cache[] children) {
    long flops = 0;
    boolean free = true;
    Map<Layer, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; i < layers.length; i++) {
      AbstractLayer<?> l = sampleWise[i];
      int[] s = children[i].inputShapeRef();
      if (l == null
          || !l.sampleWise()
          || seen.put(l, Boolean.TRUE) != null
          || s.length < 2
          || children[i].outputShapeRef()[0] != in[0]) {
        return null;
      }
      flops += l.sampleFlops(children[i]);
      free &= l.chunksFreelyFor(children[i]);
    }
    return new SampleWork(flops, free);
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

  /**
   * The state of one evaluation: a copy of the input, one cache per layer, and the chunking of its
   * one-region passes (fixed by the shapes, so the same for every thread count).
   */
  static final class SeqCache extends Cache {
    final Tensor x;
    final Cache[] children;

    /** The batch size (leading dimension). */
    final int samples;

    /** Samples per chunk of a one-region pass; 0 when the passes run layer by layer. */
    final int grain;

    /** Chunks of a one-region pass; below 2 the passes run layer by layer. */
    final int chunks;

    /** Output elements per sample. */
    final int outputPerSample;

    /**
     * Whether a chunk may go back through the layers while other chunks still go forward (every
     * layer {@link AbstractLayer#overlapsPasses}), so that a recomputing VJP is one region.
     */
    final boolean overlaps;

    final Parallel.RangeBody forwardBody;
    final Parallel.RangeBody backwardBody;
    final Parallel.RangeBody forwardBackwardBody;

    /** Where the chunks of the running forward pass copy their output rows, or {@code null}. */
    Tensor out;

    /** Whether the pass running now skips the last layer's output ({@link #record}). */
    boolean skipLast;

    SeqCache(Sequential s, int[] in, int[] out, DType dtype, Cache[] children, int grain) {
      super(s, in, out, dtype);
      this.x = Tensor.zeros(dtype, in);
      this.children = children;
      this.samples = in.length == 0 ? 0 : in[0];
      this.grain = grain;
      this.chunks = grain == 0 ? 0 : Chunking.chunks(samples, grain);
      int outSize = 1;
      for (int d : out) {
        outSize *= d;
      }
      this.outputPerSample = samples == 0 ? 0 : outSize / samples;
      boolean all = chunks >= 2;
      for (int i = 0; all && i < children.length; i++) {
        all = s.sampleWise[i].overlapsSamplePasses(children[i]);
      }
      this.overlaps = all;
      this.forwardBody = (s0, s1) -> s.forwardChunk(this, s0, s1);
      this.backwardBody = (s0, s1) -> s.backwardChunk(this, s0, s1);
      this.forwardBackwardBody =
          (s0, s1) -> {
            s.forwardChunk(this, s0, s1);
            s.backwardChunk(this, s0, s1);
          };
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
