package org.node4j.lab.experiment.anode;

import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Conv2d;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.tensor.DType;

/**
 * The layers of ANODE's ResNet-18-ODE (seeds-spec 4.1, R-AN {@code models/resnet.py}) that this
 * experiment uses, sized for a CPU.
 */
public final class AnodeBlocks {
  private AnodeBlocks() {}

  /**
   * The ODE block's vector field f(z) = ReLU(conv3x3(ReLU(conv3x3 z))), channels to channels, with
   * bias: ANODE's f = ReLU(BN(conv(ReLU(BN(conv z))))) without its two batch norms. Batch norm
   * inside a vector field makes f depend on the batch and updates running statistics at every
   * evaluation, recomputation and adjoint evaluation alike, so the three gradient methods would no
   * longer differentiate the same function; the blocks between the ODE blocks keep their batch
   * norms.
   */
  public static Sequential body(int channels, DType dtype, String prefix) {
    return Sequential.of(
        Conv2d.builder(channels, channels)
            .kernel(3)
            .padding(1)
            .name(prefix + "conv1")
            .dtype(dtype)
            .build(),
        Activation.relu(),
        Conv2d.builder(channels, channels)
            .kernel(3)
            .padding(1)
            .name(prefix + "conv2")
            .dtype(dtype)
            .build(),
        Activation.relu());
  }
}
