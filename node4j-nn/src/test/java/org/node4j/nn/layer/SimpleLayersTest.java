package org.node4j.nn.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** Hand-checkable cases of the parameter-free layers and of BatchNorm's running statistics. */
class SimpleLayersTest {

  @Test
  void avgPoolAveragesEachWindow() {
    double[] v = new double[16];
    for (int i = 0; i < 16; i++) {
      v[i] = i;
    }
    Tensor x = Tensor.wrap(v, 1, 1, 4, 4);
    AvgPool2d pool = new AvgPool2d(2);
    Tensor y = pool.forward(x, pool.newCache(x.shape(), DType.FLOAT64));
    assertThat(y.shape()).containsExactly(1, 1, 2, 2);
    assertThat(y.doubles()).containsExactly(2.5, 4.5, 10.5, 12.5);
  }

  @Test
  void flattenKeepsRowMajorOrder() {
    Tensor x = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, 1);
    Flatten f = new Flatten();
    Tensor y = f.forward(x, f.newCache(x.shape(), DType.FLOAT32));
    assertThat(y.shape()).containsExactly(2, 3);
    assertThat(y.floats()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void batchNormTrainingUsesBatchStatisticsAndUpdatesRunningOnesLikePyTorch() {
    BatchNorm bn = BatchNorm.builder1d(1).dtype(DType.FLOAT64).build();
    Tensor x = Tensor.wrap(new double[] {1, 2, 3, 6}, 4, 1);
    Tensor y = bn.forward(x, bn.newCache(x.shape(), DType.FLOAT64));
    // mean 3, biased variance 3.5, unbiased 14/3
    double inv = 1 / Math.sqrt(3.5 + 1e-5);
    assertThat(y.doubles()).containsExactly(-2 * inv, -inv, 0, 3 * inv);
    assertThat(bn.runningMean().get(0)).isEqualTo(0.1 * 3);
    assertThat(bn.runningVar().get(0)).isCloseTo(0.9 + 0.1 * 14 / 3.0, within());
  }

  @Test
  void batchNormEvalUsesRunningStatisticsAndLeavesThemAlone() {
    BatchNorm bn = BatchNorm.builder2d(2).dtype(DType.FLOAT64).build();
    bn.runningMean().set(1, 2.0);
    bn.runningVar().set(1, 4.0);
    bn.setTraining(false);
    Tensor x = Tensor.wrap(new double[] {5, 5, 6, 6}, 1, 2, 1, 2);
    Tensor y = bn.forward(x, bn.newCache(x.shape(), DType.FLOAT64));
    assertThat(y.get(0)).isCloseTo(5 / Math.sqrt(1 + 1e-5), within());
    assertThat(y.get(2)).isCloseTo(4 / Math.sqrt(4 + 1e-5), within());
    assertThat(bn.runningMean().get(1)).isEqualTo(2.0);
    assertThat(bn.runningVar().get(1)).isEqualTo(4.0);
  }

  @Test
  void savedBytesCountEveryBufferHeldForBackward() {
    Sequential net =
        Sequential.of(
            Linear.builder(3, 4).name("a").build(),
            Activation.relu(),
            BatchNorm.builder1d(4).name("bn").build());
    Cache c = net.newCache(new int[] {5, 3}, DType.FLOAT32);
    // input copy 5*3, relu output 5*4, bn output + xhat 2*5*4, invStd 4 doubles; the linear
    // output is a buffer shared between caches (ReLU reads only its output backwards)
    long expected = 4L * (15 + 20 + 40) + 8 * 4;
    assertThat(net.savedBytes(c)).isEqualTo(expected);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }
}
