package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.node4j.lab.data.ConcentricSpheres.Shell;

class ConcentricSpheresTest {
  /** Float storage rounds r * u; radii may leave a shell by this much. */
  private static final double RADIUS_SLACK = 1e-6;

  @ParameterizedTest(name = "D = {0}")
  @ValueSource(ints = {2, 3, 10, 900})
  void putsEveryPointInTheShellOfItsLabelWithTheSeedsCounts(int dim) {
    DatasetSplit split = ConcentricSpheres.split(dim, 42);
    for (Dataset d : List.of(split.train(), split.test())) {
      int n = d.size();
      assertThat(d.sampleShape()).containsExactly(1, dim);
      assertThat(d.classCounts()).containsExactly(n / 2, n / 2);
      int[] perShell = new int[3];
      for (int i = 0; i < n; i++) {
        double r = radius(d, i);
        int shell = shellOf(r);
        assertThat(shell).as("radius %s of sample %d", r, i).isNotNegative();
        assertThat(d.label(i)).isEqualTo(ConcentricSpheres.SHELLS.get(shell).label());
        perShell[shell]++;
      }
      assertThat(perShell).containsExactly(n / 4, n / 2, n / 4);
    }
    assertThat(split.train().size()).isEqualTo(ConcentricSpheres.DEFAULT_TRAIN);
    assertThat(split.test().size()).isEqualTo(ConcentricSpheres.DEFAULT_TEST);
  }

  @ParameterizedTest(name = "D = {0}")
  @ValueSource(ints = {2, 3, 10})
  void drawsTheRadialFractionAsUToTheOneOverD(int dim) {
    // t = (r - rMin) / (rMax - rMin) = U^(1/D), so t^D is uniform on [0, 1): mean 1/2, sd
    // 1/sqrt(12).
    Dataset d = ConcentricSpheres.generate(dim, 8000, 3);
    double sum = 0;
    for (int i = 0; i < d.size(); i++) {
      double r = radius(d, i);
      Shell s = ConcentricSpheres.SHELLS.get(shellOf(r));
      sum += Math.pow((r - s.rMin()) / (s.rMax() - s.rMin()), dim);
    }
    double tolerance = 5 / Math.sqrt(12.0 * d.size());
    assertThat(sum / d.size()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(tolerance));
  }

  @ParameterizedTest(name = "D = {0}")
  @ValueSource(ints = {2, 3, 10})
  void spreadsDirectionsUniformlyOverTheSphere(int dim) {
    // For u uniform on the unit sphere: E[u_j] = 0, E[u_j^2] = 1/D, and in 2-D the angle is
    // uniform.
    Dataset d = ConcentricSpheres.generate(dim, 8000, 11);
    int n = d.size();
    double[] mean = new double[dim];
    double[] meanSquare = new double[dim];
    int[] octants = new int[8];
    for (int i = 0; i < n; i++) {
      double r = radius(d, i);
      for (int j = 0; j < dim; j++) {
        double u = d.feature(i, j) / r;
        mean[j] += u / n;
        meanSquare[j] += u * u / n;
      }
      double angle = Math.atan2(d.feature(i, 1), d.feature(i, 0)) + Math.PI;
      octants[Math.min(7, (int) (angle / (Math.PI / 4)))]++;
    }
    double sd = Math.sqrt(1.0 / dim / n);
    for (int j = 0; j < dim; j++) {
      assertThat(mean[j]).isBetween(-5 * sd, 5 * sd);
      assertThat(meanSquare[j]).isBetween(1.0 / dim - 5 * sd, 1.0 / dim + 5 * sd);
    }
    if (dim == 2) {
      double expected = n / 8.0;
      double binSd = Math.sqrt(expected * 7 / 8);
      for (int count : octants) {
        assertThat((double) count).isBetween(expected - 5 * binSd, expected + 5 * binSd);
      }
    }
  }

  @Test
  void shufflesTheShellsTogether() {
    Dataset d = ConcentricSpheres.generate(2, 2000, 5);
    int firstQuarterLabel1 = 0;
    for (int i = 0; i < 500; i++) {
      firstQuarterLabel1 += d.label(i);
    }
    assertThat(firstQuarterLabel1).isBetween(150, 350);
  }

  @Test
  void sameSeedGivesIdenticalDataAndOtherSeedsDiffer() {
    DatasetSplit a = ConcentricSpheres.split(3, 400, 200, 7);
    DatasetSplit b = ConcentricSpheres.split(3, 400, 200, 7);
    DatasetSplit c = ConcentricSpheres.split(3, 400, 200, 8);
    assertThat(a.train().features()).isEqualTo(b.train().features());
    assertThat(a.train().labels()).containsExactly(b.train().labels());
    assertThat(a.test().features()).isEqualTo(b.test().features());
    assertThat(a.train().features()).isNotEqualTo(c.train().features());
    assertThat(a.test().features()).isNotEqualTo(a.train().subset(200).features());
    assertThat(ConcentricSpheres.generate(3, 400, 7).features()).isEqualTo(a.train().features());
  }

  @Test
  void balancesExactlyForEveryEvenSize() {
    for (int n : new int[] {4, 6, 10, 998}) {
      assertThat(ConcentricSpheres.generate(2, n, 1).classCounts()).containsExactly(n / 2, n / 2);
    }
  }

  @Test
  void rejectsDegenerateArguments() {
    assertThatThrownBy(() -> ConcentricSpheres.generate(0, 100, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dim 0");
    assertThatThrownBy(() -> ConcentricSpheres.generate(2, 3, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double radius(Dataset d, int i) {
    double s = 0;
    for (int j = 0; j < d.sampleSize(); j++) {
      s += (double) d.feature(i, j) * d.feature(i, j);
    }
    return Math.sqrt(s);
  }

  /** Returns the index of the shell containing radius r, or -1. */
  private static int shellOf(double r) {
    for (int s = 0; s < ConcentricSpheres.SHELLS.size(); s++) {
      Shell shell = ConcentricSpheres.SHELLS.get(s);
      if (r >= shell.rMin() - RADIUS_SLACK && r <= shell.rMax() + RADIUS_SLACK) {
        return s;
      }
    }
    return -1;
  }
}
