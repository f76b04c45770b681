package org.node4j.nn.field;

import java.util.Arrays;
import org.node4j.nn.tensor.Tensor;

/**
 * How the time t reaches the network of a {@link NeuralField}.
 *
 * <ul>
 *   <li>{@link #NONE}: the network sees only z, an autonomous field as in Ott et al. (ICLR 2021,
 *       §2: "the ODE function ignores t") and in the residual blocks of Sander and Marion.
 *   <li>{@link #CHANNEL}: t is concatenated to z as one extra channel (dimension 1) filled with t,
 *       the {@code ConcatConv2d} of torchdiffeq's examples (Chen et al., NeurIPS 2018). A state [B,
 *       C, ...] becomes a network input [B, C + 1, ...]; for [B, D] the input is [B, D + 1].
 * </ul>
 */
public enum TimeInput {
  /** The network ignores t. */
  NONE,
  /** t enters as one extra channel. */
  CHANNEL;

  /** Returns the network input shape for a state of shape {@code state}. */
  int[] inputShape(int[] state) {
    if (this == NONE) {
      return state.clone();
    }
    if (state.length < 2) {
      throw new IllegalArgumentException(
          "a time channel needs a state [batch, channels, ...], got " + Arrays.toString(state));
    }
    int[] s = state.clone();
    s[1]++;
    return s;
  }

  /** Writes [z, t] into {@code aug} (shape {@link #inputShape} of z's shape); CHANNEL only. */
  static void fill(Tensor z, double t, Tensor aug) {
    int batch = z.dim(0);
    int per = z.size() / batch;
    int inner = per / z.dim(1);
    int augPer = per + inner;
    for (int b = 0; b < batch; b++) {
      aug.copyRange(z, b * per, b * augPer, per);
      aug.fill(b * augPer + per, (b + 1) * augPer, t);
    }
  }

  /** Copies the z part of the cotangent {@code dAug} into {@code dz}, dropping the t channel. */
  static void strip(Tensor dAug, Tensor dz) {
    int batch = dz.dim(0);
    int per = dz.size() / batch;
    int augPer = dAug.size() / batch;
    for (int b = 0; b < batch; b++) {
      dz.copyRange(dAug, b * augPer, b * per, per);
    }
  }
}
