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
import java.util.SplittableRandom;
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

  @Test
  void theSectionsSentencesAgreeWithItsTable(@TempDir Path tmp) throws Exception {
    SanderResults r =
        new SanderResults(List.of(), List.of(), List.of(), List.of(), List.of(), new ArrayList<>());
    double[][] errors = {{40, 30, 20}, {60, 35, 21}, {41, 29, 19}, {50, 28, 18}};
    int k = 0;
    for (ResidualNetwork.Scheme scheme : ResidualNetwork.Scheme.values()) {
      for (MemoryMethod g : List.of(MemoryMethod.BACKPROP, MemoryMethod.MEMORY_FREE)) {
        int[] depths = {2, 4, 8};
        for (int i = 0; i < depths.length; i++) {
          for (int seed = 0; seed < 2; seed++) {
            double e = errors[k][i] + (seed == 0 ? -1 : 1);
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
    ReportDoc doc = new ReportDoc();
    SweepSection.write(doc, r, new ArrayList<>(), tmp);
    String md = doc.markdown();
    assertTrue(Files.exists(tmp.resolve("depth-sweep.png")));
    assertTrue(Files.exists(tmp.resolve("depth-sweep.svg")));
    for (String scheme : List.of("ResNet", "HeunNet")) {
      double[] bp = tableRow(md, scheme + " backprop");
      double[] mf = tableRow(md, scheme + " memory-free");
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

  /** The means of a table row "| name | m [q25, q75] | ...". */
  private static double[] tableRow(String md, String name) {
    for (String line : md.split("\n")) {
      if (line.startsWith("| " + name + " |")) {
        String[] cells = line.split("\\|");
        double[] v = new double[cells.length - 2];
        for (int i = 2; i < cells.length; i++) {
          v[i - 2] = Double.parseDouble(cells[i].trim().split(" ")[0]);
        }
        return v;
      }
    }
    throw new AssertionError("no row " + name + " in\n" + md);
  }
}
