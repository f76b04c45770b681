package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.param.ParameterSource;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/**
 * A {@link Sequential} of sample-wise layers runs each pass as one parallel region over chunks of
 * the batch: the same outputs and input cotangents as the layer-by-layer passes (bit for bit, rows
 * being independent), the same parameter gradients up to the order of the chunk sums, and layers
 * that couple samples keep the layer-by-layer passes.
 */
class SampleChunkedPassTest {
  private final int savedThreads = Parallel.threads();
  private final boolean savedChunked = Sequential.chunkedPasses;

  @AfterEach
  void restore() {
    Parallel.setThreads(savedThreads);
    Sequential.chunkedPasses = savedChunked;
  }

  /** Workload W5's residual function V tanh(W x), width 64, without biases. */
  private static Sequential w5Function() {
    return Sequential.of(
        Linear.builder(64, 64).bias(false).name("W").build(),
        Activation.tanh(),
        Linear.builder(64, 64).bias(false).name("V").build());
  }

  /** W5's function with seeded weights, and a seeded batch of 256 inputs and output cotangents. */
  private record W5Case(Sequential net, Tensor x, Tensor dy) {
    static W5Case seeded() {
      Sequential net = w5Function();
      TestTensors.randomize(net.parameters(), new Random(1), 0.3);
      Random rnd = new Random(2);
      return new W5Case(
          net,
          TestTensors.uniform(rnd, DType.FLOAT32, 256, 64),
          TestTensors.uniform(rnd, DType.FLOAT32, 256, 64));
    }
  }

  /** Workload W3's field: Linear(2,64) tanh Linear(64,64) tanh Linear(64,2), float64. */
  private static Sequential w3Field() {
    return Sequential.of(
        Linear.builder(2, 64).name("fc1").dtype(DType.FLOAT64).build(),
        Activation.tanh(),
        Linear.builder(64, 64).name("fc2").dtype(DType.FLOAT64).build(),
        Activation.tanh(),
        Linear.builder(64, 2).name("fc3").dtype(DType.FLOAT64).build());
  }

  /** W3's field with weights from {@code seed}, and a batch of 512 inputs and output cotangents. */
  private record W3Case(Sequential net, Tensor x, Tensor dy) {
    static W3Case seeded(long seed) {
      Sequential net = w3Field();
      TestTensors.randomize(net.parameters(), new Random(seed), 0.5);
      Random rnd = new Random(seed + 1);
      return new W3Case(
          net,
          TestTensors.uniform(rnd, DType.FLOAT64, 512, 2),
          TestTensors.uniform(rnd, DType.FLOAT64, 512, 2));
    }
  }

  @Test
  void theChunkingDependsOnlyOnTheBatchAndTheWork() {
    // W3: 512 samples of 8832 flops, W5: 256 of 16448, W1: 128 of 12672 (one chunk).
    assertThat(Chunking.sampleGrain(512, 8832)).isEqualTo(256);
    assertThat(Chunking.sampleGrain(256, 16448)).isEqualTo(128);
    assertThat(Chunking.sampleGrain(128, 12672)).isEqualTo(128);
    assertThat(Chunking.chunks(7, Chunking.sampleGrain(7, 1L << 30))).isEqualTo(4);
    assertThat(Chunking.chunks(1 << 20, Chunking.sampleGrain(1 << 20, 1L << 20)))
        .isEqualTo(Chunking.MAX_CHUNKS);
    Sequential.SeqCache c =
        (Sequential.SeqCache) w3Field().newCache(new int[] {512, 2}, DType.FLOAT64);
    assertThat(c.chunks).isEqualTo(2);
  }

  /**
   * A network whose layers all chunk freely (W1's field: unrolled convolutions and ReLUs) splits at
   * a quarter of the work per chunk that one with a linear layer needs.
   */
  @Test
  void networksOfLayersThatChunkFreelySplitSmallerBatches() {
    assertThat(Chunking.sampleGrain(128, 12672, Chunking.MIN_FREE_SAMPLE_CHUNK_FLOPS))
        .isEqualTo(64);
    Sequential field = sphere2Field();
    Sequential.SeqCache c =
        (Sequential.SeqCache) field.newCache(new int[] {128, 1, 2}, DType.FLOAT32);
    assertThat(c.chunks).isEqualTo(2);
    // The same work with a linear layer (partials per chunk) stays one chunk: 64 x 16448 flops.
    assertThat(
            ((Sequential.SeqCache) w5Function().newCache(new int[] {64, 64}, DType.FLOAT32)).chunks)
        .isLessThan(2);
    // A convolution that is not unrolled keeps partials per chunk.
    Sequential image =
        Sequential.of(
            Conv2d.builder(3, 4).kernel(3).padding(1).build(), Activation.relu(), new Flatten());
    Cache imageCache = image.newCache(new int[] {16, 3, 16, 16}, DType.FLOAT32);
    assertThat(((ConvLayer.ConvCache) ((Sequential.SeqCache) imageCache).children[0]).unrolled)
        .isFalse();
    assertThat(((Sequential.SeqCache) imageCache).chunks).isLessThan(2);
  }

  /** Workload W1's field: Sphere2's three convolutions with ReLUs, float32. */
  private static Sequential sphere2Field() {
    return Sequential.of(
        Conv1d.builder(1, 32).name("conv1").build(),
        Activation.relu(),
        Conv1d.builder(32, 32).kernel(3).padding(1).name("conv2").build(),
        Activation.relu(),
        Conv1d.builder(32, 1).name("conv3").build());
  }

  /**
   * {@link Sequential#record} skips the last linear layer's product and leaves the scratch buffer
   * alone, and a backward pass from its cache gives the bits of one after a forward pass, in the
   * one-region passes and in the layer-by-layer ones; with a last layer whose backward reads its
   * output it is a forward pass.
   */
  @Test
  void aRecordOnlyPassSkipsTheLastProductAndBacksUpTheSame() {
    Parallel.setThreads(2);
    for (boolean chunkedPasses : new boolean[] {true, false}) {
      Sequential.chunkedPasses = chunkedPasses;
      W5Case w5 = W5Case.seeded();
      Sequential net = w5.net();
      Tensor x = w5.x();
      Cache forward = net.newCache(x.shape(), x.dtype());
      net.forward(x, forward, ParameterSource.OWN, x.zerosLike());
      Tensor dxForward = x.zerosLike();
      net.backward(w5.dy(), forward, dxForward);
      List<Tensor> gradsForward = grads(net);

      Tensor scratch = x.zerosLike();
      scratch.fill(0, scratch.size(), Double.NaN);
      Cache recorded = net.newCache(x.shape(), x.dtype());
      net.parameters().forEach(Parameter::zeroGrad);
      net.record(x, recorded, ParameterSource.OWN, scratch);
      assertThat(scratch.get(0)).isNaN();
      assertThat(scratch.get(scratch.size() - 1)).isNaN();
      Tensor dxRecorded = x.zerosLike();
      net.backward(w5.dy(), recorded, dxRecorded);
      assertThat(dxRecorded.floats()).containsExactly(dxForward.floats());
      List<Tensor> gradsRecorded = grads(net);
      for (int i = 0; i < gradsForward.size(); i++) {
        assertThat(gradsRecorded.get(i).floats()).containsExactly(gradsForward.get(i).floats());
      }
    }
    Sequential tanhLast = Sequential.of(Linear.builder(4, 4).build(), Activation.tanh());
    Tensor x = TestTensors.uniform(new Random(3), DType.FLOAT32, 8, 4);
    Tensor scratch = x.zerosLike();
    scratch.fill(0, scratch.size(), Double.NaN);
    tanhLast.record(x, tanhLast.newCache(x.shape(), x.dtype()), ParameterSource.OWN, scratch);
    Tensor y = x.zerosLike();
    tanhLast.forward(x, tanhLast.newCache(x.shape(), x.dtype()), ParameterSource.OWN, y);
    assertThat(scratch.floats()).containsExactly(y.floats());
  }

  /** Copies of the parameters' gradients, then zeroes them. */
  private static List<Tensor> grads(Sequential net) {
    List<Tensor> g = net.parameters().stream().map(p -> p.grad().copy()).toList();
    net.parameters().forEach(Parameter::zeroGrad);
    return g;
  }

  @Test
  void aForwardAndABackwardPassAreOneParallelRegionEach() {
    Parallel.setThreads(2);
    W5Case w5 = W5Case.seeded();
    Sequential net = w5.net();
    Tensor x = w5.x();
    Tensor dy = w5.dy();
    Tensor dx = x.zerosLike();
    Cache chunked = net.newCache(x.shape(), x.dtype());
    Sequential.chunkedPasses = false;
    Cache layered = net.newCache(x.shape(), x.dtype());
    assertThat(((Sequential.SeqCache) chunked).chunks).isEqualTo(2);
    assertThat(((Sequential.SeqCache) layered).chunks).isZero();

    assertThat(fewestRegions(() -> net.forward(x, chunked))).isEqualTo(1);
    assertThat(fewestRegions(() -> net.backward(dy, chunked, dx))).isEqualTo(1);
    // The layer-by-layer passes split each product of the two layers on its own.
    assertThat(fewestRegions(() -> net.forward(x, layered))).isEqualTo(2);
    assertThat(fewestRegions(() -> net.backward(dy, layered, dx))).isEqualTo(4);
  }

  @Test
  void chunkedPassesMatchLayerByLayerPasses() {
    Parallel.setThreads(2);
    W3Case w3 = W3Case.seeded(3);
    Sequential net = w3.net();
    Tensor x = w3.x();
    Tensor dy = w3.dy();
    Cache chunked = net.newCache(x.shape(), x.dtype());
    Sequential.chunkedPasses = false;
    Cache layered = net.newCache(x.shape(), x.dtype());

    Pass a = Pass.run(net, chunked, x, dy);
    Pass b = Pass.run(net, layered, x, dy);
    assertThat(a.y).containsExactly(b.y);
    assertThat(a.dx).containsExactly(b.dx);
    for (int p = 0; p < a.grads.size(); p++) {
      double[] ga = a.grads.get(p);
      double[] gb = b.grads.get(p);
      for (int i = 0; i < ga.length; i++) {
        assertThat(ga[i]).isCloseTo(gb[i], within(1e-12 * (1 + Math.abs(gb[i]))));
      }
    }
  }

  @Test
  void forwardIntoABufferWritesEveryChunksRows() {
    Parallel.setThreads(2);
    Sequential net = w3Field();
    TestTensors.randomize(net.parameters(), new Random(5), 0.5);
    Tensor x = TestTensors.uniform(new Random(6), DType.FLOAT64, 512, 2);
    Cache c = net.newCache(x.shape(), x.dtype());
    Tensor out = x.zerosLike();
    net.forward(x, c, out);
    assertThat(out.doubles()).containsExactly(c.output().doubles());
    assertThat(c.filled()).isTrue();
  }

  @Test
  void networksWithLayersThatCoupleSamplesOrRepeatRunLayerByLayer() {
    Linear shared = Linear.builder(64, 64).name("shared").build();
    Sequential tied = Sequential.of(shared, Activation.tanh(), shared);
    Sequential normed =
        Sequential.of(
            Linear.builder(64, 64).name("fc").build(),
            BatchNorm.builder1d(64).name("bn").build(),
            Activation.tanh());
    int[] shape = {256, 64};
    assertThat(((Sequential.SeqCache) tied.newCache(shape, DType.FLOAT32)).chunks).isZero();
    assertThat(((Sequential.SeqCache) normed.newCache(shape, DType.FLOAT32)).chunks).isZero();
    assertThat(
            ((Sequential.SeqCache) w5Function().newCache(new int[] {1, 64}, DType.FLOAT32)).chunks)
        .isZero();
    assertThat(((Sequential.SeqCache) w5Function().newCache(new int[] {64}, DType.FLOAT32)).chunks)
        .isZero();
  }

  @Test
  void aRecomputingVjpIsOneRegionWithTheBitsOfTwoPasses() {
    Parallel.setThreads(2);
    W3Case w3 = W3Case.seeded(7);
    Sequential net = w3.net();
    Tensor x = w3.x();
    Tensor dy = w3.dy();
    Cache c = net.newCache(x.shape(), x.dtype());
    assertThat(((Sequential.SeqCache) c).overlaps).isTrue();
    Pass twoPasses = Pass.run(net, c, x, dy);
    Tensor dx = x.zerosLike();
    Runnable vjp = () -> net.forwardBackward(x, c, ParameterSource.OWN, dy, dx, GradientSink.OWN);
    net.parameters().forEach(Parameter::zeroGrad);
    vjp.run();
    assertThat(c.output().doubles()).containsExactly(twoPasses.y);
    assertThat(dx.doubles()).containsExactly(twoPasses.dx);
    for (int p = 0; p < twoPasses.grads.size(); p++) {
      assertThat(net.parameters().get(p).grad().doubles()).containsExactly(twoPasses.grads.get(p));
    }
    assertThat(fewestRegions(vjp)).isEqualTo(1);
  }

  @Test
  void aRecomputingVjpWritesTheOutputAndADiscardingSinkSkipsTheWeightGradients() {
    Parallel.setThreads(2);
    W3Case w3 = W3Case.seeded(17);
    Sequential net = w3.net();
    Tensor x = w3.x();
    Tensor dy = w3.dy();
    Cache c = net.newCache(x.shape(), x.dtype());
    Pass twoPasses = Pass.run(net, c, x, dy);
    Tensor out = x.zerosLike();
    Tensor dx = x.zerosLike();
    net.parameters().forEach(Parameter::zeroGrad);
    Runnable vjp = () -> net.forwardBackward(x, c, ParameterSource.OWN, out, dy, dx, NOTHING_ASKED);
    vjp.run();
    assertThat(out.doubles()).containsExactly(twoPasses.y);
    assertThat(dx.doubles()).containsExactly(twoPasses.dx);
    for (Parameter p : net.parameters()) {
      assertThat(p.grad().doubles()).as(p.name()).containsOnly(0.0);
    }
    assertThat(fewestRegions(vjp)).isEqualTo(1);

    // Layer by layer (no one-region passes) the same holds.
    Sequential.chunkedPasses = false;
    Cache layered = net.newCache(x.shape(), x.dtype());
    Tensor outLayered = x.zerosLike();
    Tensor dxLayered = x.zerosLike();
    net.forwardBackward(x, layered, ParameterSource.OWN, outLayered, dy, dxLayered, NOTHING_ASKED);
    assertThat(outLayered.doubles()).containsExactly(twoPasses.y);
    assertThat(dxLayered.doubles()).containsExactly(twoPasses.dx);
  }

  /**
   * Convolutions with the unrolled product (Sphere2) and with Winograd give the same input
   * cotangents for a discarding sink (the Winograd chunks skip their weight gradients; the
   * convolutions reduce what they have into the sink's scratch) and leave the parameters' own
   * gradients alone.
   */
  @Test
  void convolutionsBackUpTheSameForADiscardingSink() {
    Parallel.setThreads(2);
    Sequential winograd =
        Sequential.of(
            Conv2d.builder(8, 8)
                .kernel(3)
                .padding(1)
                .algorithm(ConvAlgorithm.WINOGRAD)
                .name("w3x3")
                .build(),
            Activation.relu());
    Sequential[] nets = {TestNets.sphere2(DType.FLOAT32), winograd};
    int[][] shapes = {{256, 1, 2}, {4, 8, 8, 8}};
    for (int k = 0; k < nets.length; k++) {
      Sequential net = nets[k];
      TestTensors.randomize(net.parameters(), new Random(19), 0.5);
      Random rnd = new Random(20);
      Tensor x = TestTensors.uniform(rnd, DType.FLOAT32, shapes[k]);
      Cache c = net.newCache(x.shape(), x.dtype());
      Tensor dy = TestTensors.uniform(rnd, DType.FLOAT32, c.outputShape());
      Tensor dxFull = x.zerosLike();
      net.forward(x, c);
      net.backward(dy, c, dxFull);
      net.parameters().forEach(Parameter::zeroGrad);
      Tensor dx = x.zerosLike();
      net.forward(x, c);
      net.backward(dy, c, dx, GradientSink.discarding());
      assertThat(dx.floats()).as(net.toString()).containsExactly(dxFull.floats());
      for (Parameter p : net.parameters()) {
        assertThat(p.grad().floats()).as(p.name()).containsOnly(0f);
      }
    }
  }

  /** A discarding sink that fails if any layer asks it for a buffer. */
  private static final GradientSink NOTHING_ASKED =
      new GradientSink() {
        @Override
        public Tensor grad(Parameter p) {
          throw new AssertionError("a layer asked a discarding sink for " + p.name());
        }

        @Override
        public boolean discards() {
          return true;
        }
      };

  /** Sphere2's unrolled convolutions share per-layer scratch between their two passes. */
  @Test
  void layersWhosePassesShareScratchRunARecomputingVjpAsTwoPasses() {
    Parallel.setThreads(2);
    Sequential net = TestNets.sphere2(DType.FLOAT64);
    TestTensors.randomize(net.parameters(), new Random(9), 0.5);
    Random rnd = new Random(10);
    Tensor x = TestTensors.uniform(rnd, DType.FLOAT64, 1024, 1, 2);
    Tensor dy = TestTensors.uniform(rnd, DType.FLOAT64, 1024, 2);
    Cache c = net.newCache(x.shape(), x.dtype());
    assertThat(((Sequential.SeqCache) c).chunks).isEqualTo(4);
    assertThat(((Sequential.SeqCache) c).overlaps).isFalse();
    Pass twoPasses = Pass.run(net, c, x, dy);
    Tensor dx = x.zerosLike();
    net.parameters().forEach(Parameter::zeroGrad);
    net.forwardBackward(x, c, ParameterSource.OWN, dy, dx, GradientSink.OWN);
    assertThat(dx.doubles()).containsExactly(twoPasses.dx);
    for (int p = 0; p < twoPasses.grads.size(); p++) {
      assertThat(net.parameters().get(p).grad().doubles()).containsExactly(twoPasses.grads.get(p));
    }
  }

  /**
   * The unrolled convolutions compute their weight and bias gradients over the whole batch after
   * the chunks' data gradients, so a one-region pass, the layer-by-layer passes (whose layers split
   * the batch into chunks of their own) and any thread count give the same bits.
   */
  @Test
  void unrolledConvolutionGradientsDoNotDependOnTheChunking() {
    Sequential net = sphere2Field();
    TestTensors.randomize(net.parameters(), new Random(11), 0.5);
    Random rnd = new Random(12);
    Tensor x = TestTensors.uniform(rnd, DType.FLOAT32, 1024, 1, 2);
    Tensor dy = TestTensors.uniform(rnd, DType.FLOAT32, 1024, 1, 2);
    Cache chunked = net.newCache(x.shape(), x.dtype());
    Sequential.chunkedPasses = false;
    Cache layered = net.newCache(x.shape(), x.dtype());
    assertThat(((Sequential.SeqCache) chunked).chunks).isEqualTo(16);
    assertThat(((ConvLayer.ConvCache) ((Sequential.SeqCache) layered).children[2]).ownGrain)
        .isLessThan(1024);

    Parallel.setThreads(1);
    List<float[]> want = gradients(net, layered, x, dy);
    for (int threads : new int[] {1, 2}) {
      Parallel.setThreads(threads);
      for (Cache c : List.of(chunked, layered)) {
        List<float[]> got = gradients(net, c, x, dy);
        for (int p = 0; p < want.size(); p++) {
          assertThat(got.get(p))
              .as("%d threads, parameter %d", threads, p)
              .containsExactly(want.get(p));
        }
      }
    }
  }

  private static List<float[]> gradients(Sequential net, Cache c, Tensor x, Tensor dy) {
    net.parameters().forEach(Parameter::zeroGrad);
    net.forward(x, c);
    net.backward(dy, c, x.zerosLike());
    return net.parameters().stream().map(p -> p.grad().floats().clone()).toList();
  }

  /** The fewest regions {@code pass} opened over a few runs (a background thread may add some). */
  private static long fewestRegions(Runnable pass) {
    pass.run();
    long fewest = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long before = Parallel.regions();
      pass.run();
      fewest = Math.min(fewest, Parallel.regions() - before);
    }
    return fewest;
  }

  /** The output, input cotangent and parameter gradients of one forward and backward pass. */
  private record Pass(double[] y, double[] dx, List<double[]> grads) {
    static Pass run(Sequential net, Cache c, Tensor x, Tensor dy) {
      net.parameters().forEach(Parameter::zeroGrad);
      double[] y = net.forward(x, c).doubles().clone();
      Tensor dx = x.zerosLike();
      net.backward(dy, c, dx);
      return new Pass(
          y, dx.doubles(), net.parameters().stream().map(p -> p.grad().doubles().clone()).toList());
    }
  }
}
