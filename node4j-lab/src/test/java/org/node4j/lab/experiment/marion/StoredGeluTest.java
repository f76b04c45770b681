package org.node4j.lab.experiment.marion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.layer.Activation;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Layer;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** {@link StoredGelu} gives {@link Activation#gelu()}'s outputs and input gradients bit for bit. */
class StoredGeluTest {

  @Test
  void matchesTheLibraryGeluBitForBitInBothDtypes() {
    for (DType dtype : DType.values()) {
      // Spread 4: the series (|x| < 2 after the 1/sqrt 2), the continued fraction and both tails.
      Tensor x = random(dtype, 7, 4.0, 40, 50);
      Tensor dy = random(dtype, 8, 1.0, 40, 50);
      Tensor[] mine = forwardBackward(new StoredGelu(), x, dy);
      Tensor[] library = forwardBackward(Activation.gelu(), x, dy);
      for (int i = 0; i < x.size(); i++) {
        assertThat(Double.doubleToRawLongBits(mine[0].get(i)))
            .as("%s y[%d] at x = %s", dtype, i, x.get(i))
            .isEqualTo(Double.doubleToRawLongBits(library[0].get(i)));
        assertThat(Double.doubleToRawLongBits(mine[1].get(i)))
            .as("%s dx[%d] at x = %s", dtype, i, x.get(i))
            .isEqualTo(Double.doubleToRawLongBits(library[1].get(i)));
      }
    }
  }

  @Test
  void itsGradientMatchesCentralDifferencesInFloat64() {
    Layer gelu = new StoredGelu();
    Tensor x = random(DType.FLOAT64, 3, 3.0, 6, 8);
    Tensor dy = random(DType.FLOAT64, 4, 1.0, 6, 8);
    Tensor dx = forwardBackward(gelu, x, dy)[1];
    Cache c = gelu.newCache(x.shape(), DType.FLOAT64);
    double h = 1e-6;
    for (int i = 0; i < x.size(); i++) {
      Tensor xp = x.copy();
      xp.set(i, x.get(i) + h);
      double up = gelu.forward(xp, c).get(i);
      Tensor xm = x.copy();
      xm.set(i, x.get(i) - h);
      double down = gelu.forward(xm, c).get(i);
      assertThat(dx.get(i)).isCloseTo(dy.get(i) * (up - down) / (2 * h), within(1e-8));
    }
  }

  /** y and dx of one forward and backward pass. */
  private static Tensor[] forwardBackward(Layer layer, Tensor x, Tensor dy) {
    Cache c = layer.newCache(x.shape(), x.dtype());
    Tensor y = layer.forward(x, c).copy();
    Tensor dx = Tensor.zeros(x.dtype(), x.shape());
    layer.backward(dy, c, dx);
    return new Tensor[] {y, dx};
  }

  private static Tensor random(DType dtype, long seed, double scale, int... shape) {
    Random r = new Random(seed);
    Tensor t = Tensor.zeros(dtype, shape);
    for (int i = 0; i < t.size(); i++) {
      t.set(i, scale * r.nextGaussian());
    }
    return t;
  }
}
