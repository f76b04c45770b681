package org.node4j.nn.layer;

import java.util.List;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;

/** Small networks shaped like the seeds' vector fields and heads, for the cross-cutting tests. */
final class TestNets {
  private TestNets() {}

  /** The Sphere2 field of Ott et al. 2021, §2 with a Flatten + Linear head; input [N, 1, 2]. */
  static Sequential sphere2(DType dtype) {
    return Sequential.of(
        Conv1d.builder(1, 32).name("conv1").dtype(dtype).build(),
        Activation.relu(),
        Conv1d.builder(32, 32).kernel(3).padding(1).name("conv2").dtype(dtype).build(),
        Activation.relu(),
        Conv1d.builder(32, 1).name("conv3").dtype(dtype).build(),
        new Flatten(),
        Linear.builder(2, 2).name("head").dtype(dtype).build());
  }

  /** A narrow CIFAR-style block with BatchNorm, GELU and pooling; input [N, 3, 8, 8]. */
  static Sequential imageBlock(DType dtype, int width) {
    return Sequential.of(
        Conv2d.builder(3, width).name("c1").dtype(dtype).build(),
        Activation.leakyRelu(0.01),
        Conv2d.builder(width, width).kernel(3).padding(1).name("c2").dtype(dtype).build(),
        BatchNorm.builder2d(width).name("bn").dtype(dtype).build(),
        Activation.gelu(),
        Conv2d.builder(width, 3).kernel(5).stride(2).padding(2).name("c3").dtype(dtype).build(),
        Activation.tanh(),
        new AvgPool2d(2),
        new Flatten(),
        Linear.builder(3 * 2 * 2, 10).name("head").dtype(dtype).build(),
        Activation.sigmoid(),
        Activation.softplus(),
        Activation.identity());
  }

  /** Copies parameter values from {@code src} to {@code dst}, converting the dtype. */
  static void copyParameters(Layer src, Layer dst) {
    List<Parameter> a = src.parameters();
    List<Parameter> b = dst.parameters();
    for (int i = 0; i < a.size(); i++) {
      b.get(i).value().copyFrom(a.get(i).value());
    }
  }
}
