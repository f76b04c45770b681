package org.node4j.lab.experiment.sander;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.analysis.LogLogFit;
import org.node4j.lab.data.Datasets;
import org.node4j.lab.data.RealDataset;
import org.node4j.lab.experiment.ReportDoc;
import org.node4j.lab.experiment.TinyResnet;
import org.node4j.lab.grid.CellSpec;
import org.node4j.nn.model.DepthInit;
import org.node4j.nn.model.ResidualNetwork;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.StoredStages;

/** Part 5: the tiny ResNet's memory-free gradients, a cell's resumption, the report's sentences. */
class DepthSweepTest {

  /** The relative error of the memory-free gradient of the tiny ResNet at depth n, tied weights. */
  private static double memoryFreeError(ResidualNetwork.Scheme scheme, int n) {
    TinyResnet net =
        new TinyResnet(
            new int[] {1, 13, 13},
            3,
            scheme,
            n,
            DType.FLOAT64,
            DepthInit.tied(TinyResnet.residualInit(1.0)),
            new SplittableRandom(5));
    SplittableRandom rng = new SplittableRandom(9);
    Tensor x = Tensor.zeros(DType.FLOAT64, 4, 1, 13, 13);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, rng.nextGaussian());
    }
    int[] labels = {0, 1, 2, 1};
    net.body().setMethod(StoredStages.create());
    net.lossAndGradient(x, labels);
    List<double[]> exact = grads(net.parameters());
    net.body().setMethod(GradientProbe.memoryFree(scheme));
    net.lossAndGradient(x, labels);
    List<double[]> approx = grads(net.parameters());
    double num = 0;
    double den = 0;
    for (int t = 0; t < exact.size(); t++) {
      for (int i = 0; i < exact.get(t).length; i++) {
        double e = exact.get(t)[i] - approx.get(t)[i];
        num += e * e;
        den += exact.get(t)[i] * exact.get(t)[i];
      }
    }
    return Math.sqrt(num / den);
  }

  private static List<double[]> grads(List<Parameter> params) {
    List<double[]> g = new ArrayList<>();
    for (Parameter p : params) {
      g.add(p.grad().doubles().clone());
    }
    return g;
  }

  @Test
  void memoryFreeGradientErrorFallsWithDepthForSmoothWeightsAndHeunIsMoreAccurate() {
    int[] depths = {4, 8, 16, 32};
    double[] n = new double[depths.length];
    double[] euler = new double[depths.length];
    double[] heun = new double[depths.length];
    for (int i = 0; i < depths.length; i++) {
      n[i] = depths[i];
      euler[i] = memoryFreeError(ResidualNetwork.Scheme.EULER, depths[i]);
      heun[i] = memoryFreeError(ResidualNetwork.Scheme.HEUN, depths[i]);
    }
    double eulerSlope = LogLogFit.fit(n, euler).slope();
    double heunSlope = LogLogFit.fit(n, heun).slope();
    assertTrue(eulerSlope < -0.7 && eulerSlope > -1.3, "Euler slope " + eulerSlope);
    assertTrue(heunSlope < eulerSlope - 0.4, "Heun slope " + heunSlope + " vs " + eulerSlope);
    assertTrue(heun[depths.length - 1] < euler[depths.length - 1], "Heun error at N = 32");
  }

  @Test
  void aKilledSweepCellResumesToTheSameResult(@TempDir Path tmp) throws Exception {
    Path root = Datasets.defaultDirectory();
    assumeTrue(
        Datasets.isAvailable(RealDataset.FASHION_MNIST, root)
            || Datasets.isAvailable(RealDataset.CIFAR10, root),
        "no image data set under " + root);
    CellSpec spec =
        Cells.spec(
            new Cells.Sweep(
                ResidualNetwork.Scheme.HEUN,
                MemoryMethod.MEMORY_FREE,
                3,
                0,
                96,
                64,
                32,
                2,
                0.1,
                0.9,
                5e-4,
                List.of(1)));
    Path a = Files.createDirectories(tmp.resolve("a"));
    new SanderRunner().run(spec, a);
    Path b = Files.createDirectories(tmp.resolve("b"));
    assertThrows(CellState.Interrupted.class, () -> new SanderRunner(2).run(spec, b));
    assertTrue(Files.exists(b.resolve(CellState.FILE)), "a killed cell leaves a checkpoint");
    new SanderRunner().run(spec, b);
    assertArrayEquals(
        Files.readAllBytes(a.resolve(CellState.RESULT)),
        Files.readAllBytes(b.resolve(CellState.RESULT)));
    DepthSweep.Result r = CellState.result(a, DepthSweep.Result.class);
    assertEquals(2, r.testAccuracy().length);
    assertEquals(100 - Math.max(r.testAccuracy()[0], r.testAccuracy()[1]), r.testError(), 1e-12);
  }

  /**
   * Four series × depths 2, 4, 8 × three seeds of made-up test errors: a per-series level falling
   * with depth plus a seeded, asymmetric spread over seeds.
   */
  private static final double[] SPREAD = {-1.5, 0.3, 2.4};

  private static SanderResults threeSeedSweep() {
    SanderResults r = SanderResults.empty();
    double[][] levels = {{40, 30, 20}, {60, 35, 21}, {41, 29, 19}, {50, 28, 18}};
    SplittableRandom rng = new SplittableRandom(17);
    int k = 0;
    for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
      for (MemoryMethod g : List.of(MemoryMethod.BACKPROP, MemoryMethod.MEMORY_FREE)) {
        int[] depths = {2, 4, 8};
        for (int i = 0; i < depths.length; i++) {
          for (int seed = 0; seed < 3; seed++) {
            double e = levels[k][i] + SPREAD[seed] + rng.nextDouble();
            r.sweep()
                .add(
                    new SanderResults.Entry<>(
                        new Cells.Sweep(
                            scheme, g, depths[i], seed, 10, 10, 2, 1, 0.1, 0.9, 5e-4, List.of()),
                        new DepthSweep.Result(
                            "fashion-mnist-test",
                            100 - e,
                            e,
                            new double[] {100 - e},
                            new double[] {1})));
          }
        }
        k++;
      }
    }
    return r;
  }

  @Test
  void theSectionsSentencesAgreeWithItsTable(@TempDir Path tmp) throws Exception {
    ReportDoc doc = new ReportDoc();
    SweepSection.write(doc, threeSeedSweep(), new ArrayList<>(), tmp);
    String md = doc.markdown();
    assertTrue(Files.exists(tmp.resolve("depth-sweep.png")));
    assertTrue(Files.exists(tmp.resolve("depth-sweep.svg")));
    for (String scheme : List.of("ResNet", "HeunNet")) {
      double[] bp = tableColumn(md, scheme, "backprop", 1);
      double[] mf = tableColumn(md, scheme, "memory-free", 1);
      Matcher m =
          Pattern.compile(
                  scheme
                      + ", memory-free minus backprop test error: ([+-][0-9.]+) points at N = 2"
                      + " and ([+-][0-9.]+) points at N = 8")
              .matcher(md);
      assertTrue(m.find(), md);
      assertEquals(mf[0] - bp[0], Double.parseDouble(m.group(1)), 0.051);
      assertEquals(mf[2] - bp[2], Double.parseDouble(m.group(2)), 0.051);
    }
    assertTrue(
        md.contains("Data: fashion-mnist as a stand-in for CIFAR-10"),
        "names the data set and says it is a stand-in");
  }

  /**
   * The report's depth-sweep table gives, per (step rule, gradient, depth), the seed count, mean,
   * min, 25 % quantile, median, 75 % quantile and max of the per-seed test errors that results.csv
   * holds: recomputed here from the CSV rows, not taken from the report's code.
   */
  @Test
  void theTablesBandIsComputedFromThePerSeedRowsOfResultsCsv(@TempDir Path tmp) throws Exception {
    SanderReport.write(threeSeedSweep(), SanderSettings.tiny(), tmp, "cost");
    String md = Files.readString(tmp.resolve("report.md"));
    Map<String, List<Double>> perSeed = new TreeMap<>();
    for (String line : Files.readAllLines(tmp.resolve("results.csv"))) {
      String[] f = line.split(",");
      if (f[0].equals("sweep") && f[4].equals("test_error")) {
        perSeed
            .computeIfAbsent(f[1] + "," + f[2], x -> new ArrayList<>())
            .add(Double.valueOf(f[5]));
      }
    }
    assertEquals(12, perSeed.size(), "four series × three depths in results.csv");
    for (var e : perSeed.entrySet()) {
      String[] key = e.getKey().split(",");
      String[] series = key[0].split("_", 2);
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
      assertEquals(3, v.length, e.getKey());
      double mean = (v[0] + v[1] + v[2]) / 3;
      // Linear interpolation between sorted values: with three, q25 is halfway from min to median.
      double[] expected = {3, mean, v[0], (v[0] + v[1]) / 2, v[1], (v[1] + v[2]) / 2, v[2]};
      double[] row = tableRow(md, series[0], series[1], Integer.parseInt(key[1]));
      assertEquals(expected.length, row.length, e.getKey());
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], row[i], 0.051, e.getKey() + " column " + i);
      }
      assertTrue(row[3] + 0.5 < row[5], "a band of non-zero width at " + e.getKey());
    }
  }

  private static String stepRule(String scheme) {
    return scheme.equals("ResNet") ? "Euler (ResNet)" : "Heun (HeunNet)";
  }

  /** The numbers after the key columns of the table row "| step | gradient | N | ... |". */
  private static double[] tableRow(String md, String scheme, String gradient, int depth) {
    String prefix = "| " + stepRule(scheme) + " | " + gradient + " | " + depth + " |";
    for (String line : md.split("\n")) {
      if (line.startsWith(prefix)) {
        String[] cells = line.substring(prefix.length()).split("\\|");
        double[] v = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
          v[i] = Double.parseDouble(cells[i].trim());
        }
        return v;
      }
    }
    throw new AssertionError("no row " + prefix + " in\n" + md);
  }

  /** Column {@code col} (0 = seeds, 1 = mean, ...) of a series' rows at depths 2, 4, 8. */
  private static double[] tableColumn(String md, String scheme, String gradient, int col) {
    int[] depths = {2, 4, 8};
    double[] v = new double[depths.length];
    for (int i = 0; i < depths.length; i++) {
      v[i] = tableRow(md, scheme, gradient, depths[i])[col];
    }
    return v;
  }
}
