package org.node4j.nn.layer;

/**
 * A 1-D convolution over inputs [N, C, L] with weights [O, C, k] and an optional bias [O], as
 * PyTorch's {@code nn.Conv1d} (cross-correlation, zero padding, no dilation or groups).
 *
 * <p>It is the 2-D convolution of height 1 (see {@link ConvLayer}); the Sphere2 field of the seeds
 * (Conv1d 1→32 k1, 32→32 k3 pad 1, 32→1 k1 on signals of length 2) runs as one matrix product per
 * layer over all positions of the batch.
 */
public final class Conv1d extends ConvLayer {

  private Conv1d(Builder b) {
    super(
        b.name,
        new ConvGeometry(b.in, b.out, 1, b.k, 1, b.stride, 0, b.pad),
        new int[] {b.out, b.in, b.k},
        b.bias,
        b.dtype,
        ConvAlgorithm.DIRECT);
  }

  private Conv1d(Conv1d source) {
    super(source);
  }

  @Override
  public Conv1d replica() {
    return new Conv1d(this);
  }

  /** Starts a builder for a convolution from {@code in} to {@code out} channels. */
  public static Builder builder(int in, int out) {
    return new Builder(in, out);
  }

  @Override
  public int[] outputShape(int[] s) {
    String want = "[N, " + g.inChannels() + ", L]";
    if (s.length != 3 || s[1] != g.inChannels()) {
      throw badInput(s, want);
    }
    int lo = g.outW(s[2]);
    if (lo < 1) {
      throw badInput(s, want + " with L + 2*padding >= kernel");
    }
    return new int[] {s[0], g.outChannels(), lo};
  }

  @Override
  Im2Row.Dims dims(int[] s) {
    return new Im2Row.Dims(1, s[2], 1, g.outW(s[2]));
  }

  @Override
  public String toString() {
    return "Conv1d("
        + name
        + ", "
        + g.inChannels()
        + "->"
        + g.outChannels()
        + ", k="
        + g.kw()
        + ", stride="
        + g.sw()
        + ", pad="
        + g.pw()
        + ")";
  }

  /** Configures a {@link Conv1d}; defaults: kernel 1, stride 1, padding 0, bias, float32. */
  public static final class Builder extends ParamLayerBuilder<Builder> {
    private final int in;
    private final int out;
    private int k = 1;
    private int stride = 1;
    private int pad;

    private Builder(int in, int out) {
      super("conv");
      this.in = in;
      this.out = out;
    }

    /** The kernel size (1, 3 and 5 are the common sizes). */
    public Builder kernel(int size) {
      this.k = size;
      return this;
    }

    /** The stride. */
    public Builder stride(int s) {
      this.stride = s;
      return this;
    }

    /** The zero padding on both ends. */
    public Builder padding(int p) {
      this.pad = p;
      return this;
    }

    /** Builds the layer, validating the geometry. */
    public Conv1d build() {
      return new Conv1d(this);
    }
  }
}
