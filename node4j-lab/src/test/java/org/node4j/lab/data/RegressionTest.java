package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/** The synthetic regression sets: seeded, linear targets exactly linear, Gaussian ones standard. */
class RegressionTest {

  private static double[] targets(Dataset d, int i) {
    Tensor t = Tensor.zeros(DType.FLOAT64, 1, d.numClasses());
    d.copyTargets(i, t, 0);
    return t.doubles().clone();
  }

  @Test
  void noiselessLinearTargetsAreOneLinearMapOnBothHalves() {
    DatasetSplit s = Regression.split(Regression.Targets.LINEAR, 2, 50, 40, 0.0, 7);
    Dataset train = s.train();
    assertThat(train.isRegression()).isTrue();
    assertThat(train.numClasses()).isEqualTo(2);
    assertThat(train.sampleShape()).containsExactly(1, 2);
    // A = Y X^{-1} from the first two training samples (columns), then predict every test sample.
    double a = train.feature(0, 0);
    double b = train.feature(1, 0);
    double c = train.feature(0, 1);
    double d = train.feature(1, 1);
    double det = a * d - b * c;
    double[] y0 = targets(train, 0);
    double[] y1 = targets(train, 1);
    double[][] m = new double[2][2];
    for (int r = 0; r < 2; r++) {
      m[r][0] = (y0[r] * d - y1[r] * c) / det;
      m[r][1] = (-y0[r] * b + y1[r] * a) / det;
    }
    for (int i = 0; i < s.test().size(); i++) {
      double[] y = targets(s.test(), i);
      for (int r = 0; r < 2; r++) {
        double predicted = m[r][0] * s.test().feature(i, 0) + m[r][1] * s.test().feature(i, 1);
        assertThat(y[r]).isCloseTo(predicted, within(1e-4));
      }
    }
  }

  @Test
  void gaussianTargetsAreStandardAndTheSeedFixesEveryValue() {
    DatasetSplit s = Regression.split(Regression.Targets.GAUSSIAN, 8, 2000, 10, 0.0, 3);
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < s.train().size(); i++) {
      for (double v : targets(s.train(), i)) {
        sum += v;
        sq += v * v;
      }
    }
    int n = 8 * s.train().size();
    assertThat(sum / n).isCloseTo(0, within(0.05));
    assertThat(sq / n).isCloseTo(1, within(0.05));
    DatasetSplit again = Regression.split(Regression.Targets.GAUSSIAN, 8, 2000, 10, 0.0, 3);
    assertThat(targets(again.test(), 4)).containsExactly(targets(s.test(), 4));
    DatasetSplit other = Regression.split(Regression.Targets.GAUSSIAN, 8, 2000, 10, 0.0, 4);
    assertThat(targets(other.test(), 4)).isNotEqualTo(targets(s.test(), 4));
    assertThat(s.train().subset(5).isRegression()).isTrue();
  }

  @Test
  void badSizesAndClassificationTargetsFailWithTheirNames() {
    assertThatThrownBy(() -> Regression.split(Regression.Targets.LINEAR, 0, 5, 5, 0.1, 1))
        .hasMessageContaining("dim=0");
    Dataset xor = Xor.noisy(2, 0.1, 1);
    assertThatThrownBy(() -> xor.copyTargets(0, Tensor.zeros(DType.FLOAT64, 1, 2), 0))
        .hasMessageContaining("classification set");
  }
}
