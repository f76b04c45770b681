package org.node4j.nn.init;

import java.util.Arrays;

/**
 * The fan-in and fan-out of a weight tensor, computed as PyTorch's {@code
 * _calculate_fan_in_and_fan_out} does.
 *
 * <p>A Linear weight has shape {@code [out, in]}; a convolution weight has shape {@code [out, in,
 * k...]}. The receptive field is the product of the kernel sizes, so {@code fanIn = in * prod(k)}
 * and {@code fanOut = out * prod(k)}.
 *
 * @param fanIn inputs feeding one output
 * @param fanOut outputs fed by one input
 */
public record Fans(int fanIn, int fanOut) {

  /** Checks that both fans are non-negative. */
  public Fans {
    if (fanIn < 0 || fanOut < 0) {
      throw new IllegalArgumentException(
          "fans must be non-negative, got fanIn=" + fanIn + " fanOut=" + fanOut);
    }
  }

  /**
   * Computes the fans of a weight of the given shape.
   *
   * @param shape {@code [out, in]} or {@code [out, in, k...]}
   * @throws IllegalArgumentException for a shape of rank below 2, such as a bias
   */
  public static Fans of(int... shape) {
    if (shape.length < 2) {
      throw new IllegalArgumentException(
          "fans need a weight of rank >= 2 ([out, in] or [out, in, k...]), got shape "
              + Arrays.toString(shape)
              + "; initialise biases with the fans of their layer's weight");
    }
    long receptive = 1;
    for (int i = 2; i < shape.length; i++) {
      receptive *= shape[i];
    }
    return new Fans(Math.toIntExact(shape[1] * receptive), Math.toIntExact(shape[0] * receptive));
  }

  /** Returns the fan selected by {@code mode}. */
  public int select(FanMode mode) {
    return mode == FanMode.FAN_IN ? fanIn : fanOut;
  }
}
