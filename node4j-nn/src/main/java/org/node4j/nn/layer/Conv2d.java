package org.node4j.nn.layer;

/**
 * A 2-D convolution over inputs [N, C, H, W] with weights [O, C, kh, kw] and an optional bias [O],
 * as PyTorch's {@code nn.Conv2d} (cross-correlation, zero padding, no dilation or groups).
 *
 * <p>Computed as im2row plus a matrix product over blocks of images; a 1x1 convolution with unit
 * stride is then a plain product over all pixels of the block. See {@link ConvLayer}.
 */
public final class Conv2d extends ConvLayer {

  private Conv2d(Builder b) {
    super(
        b.name,
        new ConvGeometry(b.in, b.out, b.kh, b.kw, b.sh, b.sw, b.ph, b.pw),
        new int[] {b.out, b.in, b.kh, b.kw},
        b.bias,
        b.dtype,
        b.algorithm);
  }

  private Conv2d(Conv2d source) {
    super(source);
  }

  @Override
  public Conv2d replica() {
    return new Conv2d(this);
  }

  /** Starts a builder for a convolution from {@code in} to {@code out} channels. */
  public static Builder builder(int in, int out) {
    return new Builder(in, out);
  }

  @Override
  public int[] outputShape(int[] s) {
    String want = "[N, " + g.inChannels() + ", H, W]";
    if (s.length != 4 || s[1] != g.inChannels()) {
      throw badInput(s, want);
    }
    int ho = g.outH(s[2]);
    int wo = g.outW(s[3]);
    if (ho < 1 || wo < 1) {
      throw badInput(s, want + " with H + 2*padH >= kh and W + 2*padW >= kw");
    }
    return new int[] {s[0], g.outChannels(), ho, wo};
  }

  @Override
  Im2Row.Dims dims(int[] s) {
    return new Im2Row.Dims(s[2], s[3], g.outH(s[2]), g.outW(s[3]));
  }

  @Override
  public String toString() {
    return "Conv2d("
        + name
        + ", "
        + g.inChannels()
        + "->"
        + g.outChannels()
        + ", k="
        + g.kh()
        + "x"
        + g.kw()
        + ", stride="
        + g.sh()
        + "x"
        + g.sw()
        + ", pad="
        + g.ph()
        + "x"
        + g.pw()
        + ")";
  }

  /**
   * Configures a {@link Conv2d}; defaults: kernel 1, stride 1, padding 0, bias, float32, algorithm
   * AUTO.
   */
  public static final class Builder extends ParamLayerBuilder<Builder> {
    private final int in;
    private final int out;
    private int kh = 1;
    private int kw = 1;
    private int sh = 1;
    private int sw = 1;
    private int ph;
    private int pw;
    private ConvAlgorithm algorithm = ConvAlgorithm.AUTO;

    private Builder(int in, int out) {
      super("conv");
      this.in = in;
      this.out = out;
    }

    /** A square kernel of size {@code k} (1, 3 and 5 are the common sizes). */
    public Builder kernel(int k) {
      return kernel(k, k);
    }

    /** A kernel of height {@code h} and width {@code w}. */
    public Builder kernel(int h, int w) {
      this.kh = h;
      this.kw = w;
      return this;
    }

    /** The same stride in both directions. */
    public Builder stride(int s) {
      this.sh = s;
      this.sw = s;
      return this;
    }

    /** The same zero padding on all four sides. */
    public Builder padding(int p) {
      this.ph = p;
      this.pw = p;
      return this;
    }

    /**
     * How the products are computed (default {@link ConvAlgorithm#AUTO}); {@link
     * ConvAlgorithm#WINOGRAD} and {@link ConvAlgorithm#WINOGRAD_4X4} need a 3x3 kernel, stride 1
     * and padding at most 2.
     */
    public Builder algorithm(ConvAlgorithm algorithm) {
      this.algorithm = java.util.Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** Builds the layer, validating the geometry. */
    public Conv2d build() {
      return new Conv2d(this);
    }
  }
}
