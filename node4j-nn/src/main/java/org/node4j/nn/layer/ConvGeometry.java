package org.node4j.nn.layer;

/**
 * The fixed geometry of a 2-D convolution (a 1-D convolution is the case {@code kh = 1, sh = 1, ph
 * = 0}).
 *
 * @param inChannels input channels C
 * @param outChannels output channels O
 * @param kh kernel height
 * @param kw kernel width
 * @param sh vertical stride
 * @param sw horizontal stride
 * @param ph zero padding above and below
 * @param pw zero padding left and right
 */
record ConvGeometry(
    int inChannels, int outChannels, int kh, int kw, int sh, int sw, int ph, int pw) {

  ConvGeometry {
    if (inChannels < 1 || outChannels < 1) {
      throw new IllegalArgumentException(
          "a convolution needs at least one input and output channel, got "
              + inChannels
              + " -> "
              + outChannels);
    }
    if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || ph < 0 || pw < 0) {
      throw new IllegalArgumentException(
          "kernel sizes and strides must be >= 1 and paddings >= 0, got kernel "
              + kh
              + "x"
              + kw
              + ", stride "
              + sh
              + "x"
              + sw
              + ", padding "
              + ph
              + "x"
              + pw);
    }
  }

  /** Returns the length of one patch, C * kh * kw. */
  int patch() {
    return inChannels * kh * kw;
  }

  /** Returns the output height for input height {@code h}, or a value below 1 if none fits. */
  int outH(int h) {
    return Math.floorDiv(h + 2 * ph - kh, sh) + 1;
  }

  /** Returns the output width for input width {@code w}, or a value below 1 if none fits. */
  int outW(int w) {
    return Math.floorDiv(w + 2 * pw - kw, sw) + 1;
  }
}
