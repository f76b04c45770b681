package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.TestTensors;

/** Forward passes against direct loops written from the PyTorch definitions. */
class ForwardReferenceProperties {
  private static final DType F64 = DType.FLOAT64;

  @Property(tries = 30)
  void conv2dEqualsDirectCrossCorrelation(
      @ForAll @IntRange(min = 1, max = 3) int batch,
      @ForAll @IntRange(min = 1, max = 3) int in,
      @ForAll @IntRange(min = 1, max = 4) int out,
      @ForAll("kernels") int k,
      @ForAll @IntRange(min = 1, max = 3) int stride,
      @ForAll @IntRange(min = 0, max = 2) int pad,
      @ForAll @IntRange(min = 0, max = 4) int extra,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Conv2d conv = Conv2d.builder(in, out).kernel(k).stride(stride).padding(pad).dtype(F64).build();
    TestTensors.randomize(conv.parameters(), rnd, 1.0);
    int h = Math.max(1, k - 2 * pad) + extra;
    int w = Math.max(1, k - 2 * pad) + extra / 2;
    Tensor x = TestTensors.uniform(rnd, F64, batch, in, h, w);
    Tensor y = conv.forward(x, conv.newCache(x.shape(), F64));
    Tensor ref = direct(x, conv.weight().value(), conv.bias().value(), stride, pad, pad, y.shape());
    assertThat(TestTensors.relError(y, ref)).isLessThan(1e-13);
  }

  @Property(tries = 20)
  void conv1dIsConv2dOfHeightOne(
      @ForAll @IntRange(min = 1, max = 3) int in,
      @ForAll @IntRange(min = 1, max = 3) int out,
      @ForAll("kernels") int k,
      @ForAll @IntRange(min = 0, max = 2) int pad,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Conv1d c1 = Conv1d.builder(in, out).kernel(k).padding(pad).dtype(F64).build();
    TestTensors.randomize(c1.parameters(), rnd, 1.0);
    int len = Math.max(1, k - 2 * pad) + 2;
    Tensor x = TestTensors.uniform(rnd, F64, 2, in, len);
    Tensor y = c1.forward(x, c1.newCache(x.shape(), F64));
    Tensor w4 = c1.weight().value().reshape(out, in, 1, k);
    Tensor ref = direct(x.reshape(2, in, 1, len), w4, c1.bias().value(), 1, 0, pad, y.shape());
    assertThat(TestTensors.relError(y, ref)).isLessThan(1e-13);
  }

  @Property(tries = 20)
  void linearIsXWTransposePlusB(
      @ForAll @IntRange(min = 1, max = 6) int rows,
      @ForAll @IntRange(min = 1, max = 6) int in,
      @ForAll @IntRange(min = 1, max = 6) int out,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    Linear l = Linear.builder(in, out).dtype(F64).build();
    TestTensors.randomize(l.parameters(), rnd, 1.0);
    Tensor x = TestTensors.uniform(rnd, F64, rows, in);
    Tensor y = l.forward(x, l.newCache(x.shape(), F64));
    for (int r = 0; r < rows; r++) {
      for (int o = 0; o < out; o++) {
        double s = l.bias().value().get(o);
        for (int i = 0; i < in; i++) {
          s += x.get(r * in + i) * l.weight().value().get(o * in + i);
        }
        assertThat(y.get(r * out + o)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-13));
      }
    }
  }

  /** y[n,o,i,j] = b[o] + sum_{c,p,q} w[o,c,p,q] x[n,c,i*s-ph+p, j*s-pw+q], zero outside. */
  private static Tensor direct(
      Tensor x, Tensor w, Tensor b, int stride, int ph, int pad, int[] yShape) {
    int n = x.dim(0);
    int c = x.dim(1);
    int h = x.dim(2);
    int wd = x.dim(3);
    int o = w.dim(0);
    int kh = w.dim(2);
    int kw = w.dim(3);
    int ho = (h + 2 * ph - kh) / stride + 1;
    int wo = (wd + 2 * pad - kw) / stride + 1;
    Tensor y = Tensor.zeros(F64, n, o, ho, wo).reshape(yShape);
    for (int s = 0; s < n; s++) {
      for (int oc = 0; oc < o; oc++) {
        for (int i = 0; i < ho; i++) {
          for (int j = 0; j < wo; j++) {
            double acc = b.get(oc);
            for (int ic = 0; ic < c; ic++) {
              for (int p = 0; p < kh; p++) {
                for (int q = 0; q < kw; q++) {
                  int r = i * stride - ph + p;
                  int t = j * stride - pad + q;
                  if (r >= 0 && r < h && t >= 0 && t < wd) {
                    acc +=
                        w.get(((oc * c + ic) * kh + p) * kw + q)
                            * x.get(((s * c + ic) * h + r) * wd + t);
                  }
                }
              }
            }
            y.set(((s * o + oc) * ho + i) * wo + j, acc);
          }
        }
      }
    }
    return y;
  }

  @Provide
  Arbitrary<Integer> kernels() {
    return Arbitraries.of(1, 3, 5);
  }
}
