package org.node4j.nn.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.node4j.nn.kernel.Parallel;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Linear;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.ops.Elementwise;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;
import org.node4j.nn.testing.Allocations;
import org.node4j.ode.Tuple;
import org.node4j.ode.grad.DifferentiableField;
import org.node4j.ode.grad.EvalRecord;
import org.node4j.ode.grad.GradientPass;
import org.node4j.ode.grad.StoredStages;
import org.node4j.ode.grad.param.DepthGrid;
import org.node4j.ode.grad.param.DepthSchedule;

/**
 * One owner of parameter gradients: layers add into the sink the caller chooses and read the
 * parameters through the source it chooses, so a depth-indexed field needs no weight copies and a
 * foreign accumulator needs no save and restore of {@link Parameter#grad()}.
 */
class GradientSinkTest {
  private static final DType F64 = DType.FLOAT64;
  private static final int DEPTH = 4;

  /** N untied MLPs f_0 .. f_{N-1}, the depth-indexed field computing with f_0 itself. */
  private static List<Sequential> layers(Random rnd) {
    List<Sequential> nets = new ArrayList<>();
    for (int k = 0; k < DEPTH; k++) {
      Sequential n = NeuralFieldTest.mlp(3, 3, "f" + k + ".");
      NetGrad.gaussian(n.parameters(), rnd, 0.6);
      nets.add(n);
    }
    return nets;
  }

  private static NeuralField depthIndexed(List<Sequential> nets) {
    List<List<Parameter>> sets = new ArrayList<>();
    for (Sequential n : nets) {
      sets.add(n.parameters());
    }
    return NeuralField.depthIndexed(
        nets.get(0), ParameterSets.of(sets), DepthSchedule.unit(DEPTH), TimeInput.NONE);
  }

  /**
   * The path the sink replaced, kept here as the reference: copy theta_k into a separate compute
   * network before every evaluation, run its backward pass into its zeroed own gradients, then add
   * those into the accumulator.
   */
  private static final class CopyingField implements DifferentiableField<Tensor, Tuple> {
    private final Sequential compute = NeuralFieldTest.mlp(3, 3, "copy.");
    private final NeuralField sets;

    CopyingField(NeuralField sets) {
      this.sets = sets;
    }

    private int load(double t) {
      int k = sets.schedule().index(t);
      for (int j = 0; j < compute.parameters().size(); j++) {
        compute.parameters().get(j).value().copyFrom(sets.parameterSets().get(k, j).value());
      }
      return k;
    }

    @Override
    public void evaluate(double t, Tensor z, Tensor dzdt) {
      load(t);
      compute.forward(z, compute.newCache(z.shape(), F64), dzdt);
    }

    @Override
    public void vjp(double t, Tensor z, Tensor a, Tensor outZ, Tuple gradAcc) {
      int k = load(t);
      Cache c = compute.newCache(z.shape(), F64);
      compute.forward(z, c);
      for (Parameter p : compute.parameters()) {
        p.zeroGrad();
      }
      compute.backward(a, c, outZ);
      for (int j = 0; j < compute.parameters().size(); j++) {
        Tensor g = compute.parameters().get(j).grad();
        Elementwise.axpy(1.0, g, gradAcc.part(sets.parameterSets().part(k, j)));
      }
    }

    @Override
    public org.node4j.ode.StateOps<Tuple> gradOps() {
      return sets.gradOps();
    }

    @Override
    public Tuple newGrad() {
      return sets.newGrad();
    }
  }

  private record Grads(double[] dz0, double[] theta) {}

  private static Grads gradient(DifferentiableField<Tensor, Tuple> f, DepthGrid grid, Tensor z0) {
    GradientPass<Tensor, Tuple> pass =
        StoredStages.create().prepare(grid.problem(f, TensorOps.INSTANCE));
    Tensor zT = pass.forward(z0);
    Tensor dLdzT = zT.zerosLike();
    NetGrad.lossGradient(zT, dLdzT);
    Tensor dz0 = z0.zerosLike();
    Tuple acc = f.newGrad();
    pass.backward(dLdzT, dz0, acc);
    return new Grads(dz0.doubles().clone(), NetGrad.flatten(acc));
  }

  @Test
  void depthIndexedGradientThroughTheSinkEqualsTheCopyingPathBitForBit() {
    for (DepthGrid grid : List.of(DepthGrid.resnet(DEPTH), DepthGrid.heunNet(DEPTH))) {
      NeuralField f = depthIndexed(layers(new Random(11)));
      Tensor z0 = Tensor.zeros(F64, 5, 3);
      NetGrad.gaussian(z0, new Random(12), 1.0);
      Grads viaSink = gradient(f, grid, z0);
      Grads viaCopies = gradient(new CopyingField(f), grid, z0);
      assertThat(viaSink.dz0).as(grid.solver().name()).containsExactly(viaCopies.dz0);
      assertThat(viaSink.theta).as(grid.solver().name()).containsExactly(viaCopies.theta);
      assertThat(NetGrad.dot(viaSink.theta, viaSink.theta)).isPositive();
    }
  }

  @Test
  void foreignSinkLeavesEveryParameterGradAndValueUntouched() {
    NeuralField f = depthIndexed(layers(new Random(13)));
    Random rnd = new Random(14);
    for (Parameter p : f.parameters()) {
      NetGrad.gaussian(p.grad(), rnd, 1.0); // a gradient that was there before
    }
    double[] grads = NetGrad.flattenGrads(f.parameters());
    double[] values = values(f.parameters());
    Tensor z = Tensor.zeros(F64, 5, 3);
    NetGrad.gaussian(z, rnd, 1.0);
    Tensor a = z.zerosLike();
    NetGrad.gaussian(a, rnd, 1.0);
    Tuple foreign = f.newGrad();
    EvalRecord r = f.newRecord(TensorOps.INSTANCE, z);
    for (int k = 0; k < DEPTH; k++) {
      double t = (k + 0.5) / DEPTH;
      f.vjp(t, z, a, z.zerosLike(), foreign);
      f.evaluate(t, z, z.zerosLike(), r);
      f.vjp(r, a, z.zerosLike(), foreign);
    }
    assertThat(NetGrad.flattenGrads(f.parameters())).containsExactly(grads);
    assertThat(values(f.parameters())).containsExactly(values);
    for (int i = 0; i < foreign.size(); i++) {
      Tensor part = foreign.part(i);
      assertThat(TensorOps.INSTANCE.dot(part, part)).as("part %d", i).isPositive();
    }
  }

  @Test
  void parameterizedNetworkReadsThetaInPlaceAndAddsIntoTheThetaAccumulatorOnly() {
    Sequential net = NeuralFieldTest.mlp(3, 3, "");
    Random rnd = new Random(15);
    NetGrad.gaussian(net.parameters(), rnd, 0.5);
    NetworkParameterizedField f = NetworkParameterizedField.autonomous(net);
    Tuple theta = f.zerosLikeTheta();
    for (int j = 0; j < theta.size(); j++) {
      NetGrad.gaussian((Tensor) theta.part(j), rnd, 0.5);
    }
    double[] values = values(net.parameters());
    double[] grads = NetGrad.flattenGrads(net.parameters());
    Tensor z = Tensor.zeros(F64, 4, 3);
    NetGrad.gaussian(z, rnd, 1.0);
    Tensor a = z.zerosLike();
    NetGrad.gaussian(a, rnd, 1.0);
    Tensor viaTheta = z.zerosLike();
    f.evaluate(0.2, z, theta, viaTheta);
    Tuple acc = f.zerosLikeTheta();
    Tensor dz = z.zerosLike();
    f.vjp(0.2, z, theta, a, dz, acc);
    assertThat(values(net.parameters())).containsExactly(values);
    assertThat(NetGrad.flattenGrads(net.parameters())).containsExactly(grads);

    // The same numbers as the network run on its own parameters once they hold theta.
    for (int j = 0; j < theta.size(); j++) {
      net.parameters().get(j).value().copyFrom(theta.part(j));
      net.parameters().get(j).zeroGrad();
    }
    Tensor direct = z.zerosLike();
    net.forward(z, net.newCache(z.shape(), F64), direct);
    Cache c = net.newCache(z.shape(), F64);
    net.forward(z, c);
    Tensor dzDirect = z.zerosLike();
    net.backward(a, c, dzDirect);
    assertThat(viaTheta.doubles()).containsExactly(direct.doubles());
    assertThat(dz.doubles()).containsExactly(dzDirect.doubles());
    assertThat(NetGrad.flatten(acc)).containsExactly(NetGrad.flattenGrads(net.parameters()));
  }

  @Test
  void layerBackwardAddsIntoTheSinkItIsGiven() {
    Linear l = Linear.builder(3, 2).dtype(F64).build();
    Random rnd = new Random(16);
    NetGrad.gaussian(l.parameters(), rnd, 1.0);
    Tensor x = Tensor.zeros(F64, 4, 3);
    NetGrad.gaussian(x, rnd, 1.0);
    Tensor dy = Tensor.zeros(F64, 4, 2);
    NetGrad.gaussian(dy, rnd, 1.0);
    Tensor dw = l.weight().value().zerosLike();
    Tensor db = l.bias().value().zerosLike();
    GradientSink sink = p -> p == l.weight() ? dw : db;
    Cache c = l.newCache(x.shape(), F64);
    l.forward(x, c);
    l.backward(dy, c, null, sink);
    assertThat(NetGrad.flattenGrads(l.parameters())).containsOnly(0.0);
    l.backward(dy, c, null);
    assertThat(dw.doubles()).containsExactly(l.weight().grad().doubles());
    assertThat(db.doubles()).containsExactly(l.bias().grad().doubles());
  }

  @Test
  void depthIndexedVjpsIntoAForeignAccumulatorAllocateNothing() {
    Allocations allocations = Allocations.ofThisThread();
    int threads = Parallel.threads();
    Parallel.setThreads(1);
    try {
      NeuralField f = depthIndexed(layers(new Random(17)));
      Tensor z = Tensor.zeros(F64, 64, 3);
      NetGrad.gaussian(z, new Random(18), 1.0);
      Tensor a = z.copy();
      Tensor out = z.zerosLike();
      Tuple foreign = f.newGrad();
      EvalRecord r = f.newRecord(TensorOps.INSTANCE, z);
      Runnable step =
          () -> {
            for (int k = 0; k < DEPTH; k++) {
              double t = (k + 0.5) / DEPTH;
              f.evaluate(t, z, out, r);
              f.vjp(r, a, out, foreign);
              f.vjp(t, z, a, out, foreign);
              f.vjp(t, z, a, out, f.ownGradient());
            }
          };
      // Rounds until the JIT has compiled the layers (their products' short-lived matrix views are
      // real objects until then; compiled code scalar-replaces them).
      long best = allocations.steadyBytesPerRun(step, 40, 50, 256);
      // A copy of one weight matrix or one activation per step would be >= 12 * 12 * 8 bytes.
      assertThat(best).as("bytes allocated per step").isLessThan(256);
    } finally {
      Parallel.setThreads(threads);
    }
  }

  private static double[] values(List<Parameter> params) {
    List<Double> v = new ArrayList<>();
    for (Parameter p : params) {
      for (double d : p.value().doubles()) {
        v.add(d);
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
