package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.node4j.lab.data.Dataset;
import org.node4j.nn.init.Initializer;
import org.node4j.nn.init.Initializers;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.AvgPool2d;
import org.node4j.nn.layer.BatchNorm;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Conv2d;
import org.node4j.nn.layer.Flatten;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.loss.CrossEntropy;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.ParameterInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.StoredStages;

/**
 * The tiny ResNet of Sander et al.'s depth sweep (NeurIPS 2022, Fig. 3c / 4; their released code,
 * michaelsdr/resnet_nodes, {@code resnet_cifar}) and of Marion et al.'s image experiment (ICLR
 * 2024, §5.2, Table 1; their released code, michaelsdr/implicit-regularization-resnets-nodes,
 * {@code resnet.py}): a stem Conv2d(C -> 16, 5 x 5, stride 3, padding 1, no bias) + BatchNorm +
 * ReLU, then N residual functions f_n(x) = bn2(conv2(σ(bn1(conv1 x)))) (σ = ReLU in Sander et al.;
 * identity, GELU or ReLU in Marion et al.) with 3 x 3 16-channel convolutions with bias, stepped
 * with 1/N scaling by Euler (ResNet) or Heun (HeunNet) through {@link ResidualNetwork}, then an
 * average pool of size 4 and a linear head. bn2 starts with scale and shift 0 (so every f_n starts
 * at 0, as in the paper); the convolutions and the head start from PyTorch's defaults,
 * independently per layer.
 *
 * <p>BatchNorm in the residual functions: the library's depth-indexed field computes every layer
 * through one compute function that reads layer n's parameters in place, so BatchNorm's running
 * statistics (buffers, not parameters) would be shared by all N layers, and the authors' choice
 * (eval mode with per-layer running statistics while reconstructing) is not available. This class
 * keeps the residual BatchNorms in batch-statistics mode always: in the forward pass, in the
 * memory-free reverse pass (which recomputes f_n at the reconstructed batch with that batch's
 * statistics, so it differentiates the same function the forward pass applied, up to the
 * reconstruction error) and at test time (test batches of the training batch size). Only the stem's
 * BatchNorm switches to its running statistics for testing.
 */
public final class TinyResnet {
  /** Channels of the stem and of every residual function. */
  public static final int CHANNELS = 16;

  /**
   * The head's average-pool size: 4, as in their released code, so a 10 x 10 CIFAR map (and the 9 x
   * 9 map of a 28 x 28 Fashion-MNIST image) becomes 2 x 2 and the head is Linear(64 -> 10).
   */
  public static final int POOL = 4;

  private final Sequential stem;
  private final ResidualNetwork body;
  private final Sequential head;
  private final BatchNorm stemNorm;
  private final List<Parameter> parameters;
  private final int[] sampleShape;
  private Cache stemCache;
  private Cache headCache;
  private int cachedBatch = -1;
  private Tensor dLogits;
  private Tensor dz;
  private Tensor dBody;
  private Tensor dIn;

  /**
   * Builds the network for samples of shape [C, H, W] with ReLU in the residual functions.
   *
   * @param residualInit the initialisation of the N residual functions
   */
  public TinyResnet(
      int[] sampleShape,
      int classes,
      ResidualNetwork.Scheme scheme,
      int depth,
      DType dtype,
      DepthInit residualInit,
      RandomGenerator rng) {
    this(sampleShape, classes, scheme, depth, dtype, Activation::relu, residualInit, rng);
  }

  /**
   * Builds the network for samples of shape [C, H, W].
   *
   * @param sigma makes the activation σ of each residual function
   * @param residualInit the initialisation of the N residual functions
   */
  public TinyResnet(
      int[] sampleShape,
      int classes,
      ResidualNetwork.Scheme scheme,
      int depth,
      DType dtype,
      Supplier<? extends Layer> sigma,
      DepthInit residualInit,
      RandomGenerator rng) {
    this.sampleShape = sampleShape.clone();
    this.stemNorm = BatchNorm.builder2d(CHANNELS).name("stem.bn").dtype(dtype).build();
    Conv2d stemConv =
        Conv2d.builder(sampleShape[0], CHANNELS)
            .kernel(5)
            .stride(3)
            .padding(1)
            .bias(false)
            .name("stem.conv")
            .dtype(dtype)
            .build();
    this.stem = Sequential.of(stemConv, stemNorm, Activation.relu());
    int[] inner = stem.outputShape(new int[] {1, sampleShape[0], sampleShape[1], sampleShape[2]});
    this.body =
        (scheme == ResidualNetwork.Scheme.EULER
                ? ResidualNetwork.resNet(k -> function(k, dtype, sigma), depth)
                : ResidualNetwork.heunNet(k -> function(k, dtype, sigma), depth))
            .method(StoredStages.create())
            .build();
    int[] pooled = new AvgPool2d(POOL).outputShape(inner);
    this.head =
        Sequential.of(
            new AvgPool2d(POOL),
            new Flatten(),
            Linear.builder(CHANNELS * pooled[2] * pooled[3], classes)
                .name("head")
                .dtype(dtype)
                .build());
    ParameterInit.torchDefaults().apply(stemConv.parameters(), rng);
    Initializers.constant(1).fill(stemNorm.weight().value(), rng);
    Initializers.zeros().fill(stemNorm.bias().value(), rng);
    body.initialize(residualInit, rng);
    ParameterInit.torchDefaults().apply(head.parameters(), rng);
    List<Parameter> all = new ArrayList<>(stem.parameters());
    all.addAll(body.parameters());
    all.addAll(head.parameters());
    this.parameters = List.copyOf(all);
  }

  /**
   * Residual function k, bn2(conv2(σ(bn1(conv1 x)))), its parameters named {@code
   * f<k>.conv1.weight} and so on (unique names, as optimisers require).
   */
  private static Layer function(int k, DType dtype, Supplier<? extends Layer> sigma) {
    String f = "f" + k + ".";
    return Sequential.of(
        Conv2d.builder(CHANNELS, CHANNELS)
            .kernel(3)
            .padding(1)
            .name(f + "conv1")
            .dtype(dtype)
            .build(),
        BatchNorm.builder2d(CHANNELS).name(f + "bn1").dtype(dtype).build(),
        sigma.get(),
        Conv2d.builder(CHANNELS, CHANNELS)
            .kernel(3)
            .padding(1)
            .name(f + "conv2")
            .dtype(dtype)
            .build(),
        BatchNorm.builder2d(CHANNELS).name(f + "bn2").dtype(dtype).build());
  }

  /**
   * The paper's initialisation of the residual functions: PyTorch's defaults for the convolutions,
   * bn1 scale 1 and shift 0, bn2 scale {@code bn2Scale} (0 in the paper) and shift 0.
   */
  public static ParameterInit residualInit(double bn2Scale) {
    ParameterInit conv = ParameterInit.torchDefaults();
    return (j, p) -> {
      String name = p.name().substring(p.name().indexOf('.') + 1);
      if (name.startsWith("bn1.")) {
        return name.endsWith(".weight") ? Initializers.constant(1) : Initializers.zeros();
      }
      if (name.startsWith("bn2.")) {
        return name.endsWith(".weight") ? Initializers.constant(bn2Scale) : Initializers.zeros();
      }
      Initializer i = conv.of(j, p);
      return i;
    };
  }

  /** Returns the residual part. */
  public ResidualNetwork body() {
    return body;
  }

  /** Returns the stem's BatchNorm (its running statistics are part of the model's state). */
  public BatchNorm stemNorm() {
    return stemNorm;
  }

  /** Returns every trainable parameter: stem, residual functions, head. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /**
   * Forward, mean cross-entropy and backward by the body's gradient method; adds the gradients into
   * the parameters' buffers (zeroed first) and returns the loss.
   */
  public double lossAndGradient(Tensor x, int[] labels) {
    parameters.forEach(Parameter::zeroGrad);
    stemNorm.setTraining(true);
    Tensor logits = logits(x);
    double loss = CrossEntropy.withLogits(logits, labels, dLogits);
    head.backward(dLogits, headCache, dz);
    body.backward(dz, dBody);
    stem.backward(dBody, stemCache, dIn);
    return loss;
  }

  /** The number of correct predictions on {@code x} (stem BatchNorm in eval mode). */
  public int correct(Tensor x, int[] labels) {
    stemNorm.setTraining(false);
    Tensor logits = logits(x);
    stemNorm.setTraining(true);
    int k = logits.dim(1);
    int correct = 0;
    for (int b = 0; b < labels.length; b++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (logits.get(b * k + c) > logits.get(b * k + best)) {
          best = c;
        }
      }
      correct += best == labels[b] ? 1 : 0;
    }
    return correct;
  }

  /**
   * The accuracy in percent on the whole batches of {@code batch} images of {@code data}, in the
   * stored order (a short last batch is dropped: the residual BatchNorms use batch statistics).
   */
  public double accuracy(Dataset data, int batch) {
    int[] shape = data.sampleShape();
    Tensor x = Tensor.zeros(parameters.get(0).value().dtype(), batch, shape[0], shape[1], shape[2]);
    int[] labels = new int[batch];
    float[] buf = new float[data.sampleSize()];
    int correct = 0;
    int seen = 0;
    for (int start = 0; start + batch <= data.size(); start += batch) {
      for (int b = 0; b < batch; b++) {
        data.copySample(start + b, buf, 0);
        int off = b * buf.length;
        for (int j = 0; j < buf.length; j++) {
          x.set(off + j, buf[j]);
        }
        labels[b] = data.label(start + b);
      }
      correct += correct(x, labels);
      seen += batch;
    }
    return 100.0 * correct / seen;
  }

  private Tensor logits(Tensor x) {
    buffers(x);
    Tensor h = stem.forward(x, stemCache);
    Tensor z = body.forward(h);
    return head.forward(z, headCache);
  }

  private void buffers(Tensor x) {
    int b = x.dim(0);
    if (b == cachedBatch) {
      return;
    }
    int[] in = {b, sampleShape[0], sampleShape[1], sampleShape[2]};
    int[] inner = stem.outputShape(in);
    stemCache = stem.newCache(in, x.dtype());
    headCache = head.newCache(inner, x.dtype());
    dLogits = Tensor.zeros(x.dtype(), head.outputShape(inner));
    dz = Tensor.zeros(x.dtype(), inner);
    dBody = Tensor.zeros(x.dtype(), inner);
    dIn = Tensor.zeros(x.dtype(), in);
    cachedBatch = b;
  }
}
