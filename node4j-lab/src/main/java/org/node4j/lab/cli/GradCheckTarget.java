package org.node4j.lab.cli;

import java.util.List;
import org.node4j.nn.loss.MeanSquaredError;
import org.node4j.nn.model.OdeBlock;
import org.node4j.nn.model.OdeResNet;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.grad.GradientMethod;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.integrate.SolveSetup;

/**
 * What {@code node4j gradcheck} differentiates: one ODE block with the loss mean(z(T)^2), or a
 * network of several ODE blocks ({@link OdeResNet}) with its cross-entropy, every block with the
 * same gradient method.
 */
interface GradCheckTarget {

  /** Returns the parameters whose gradient is checked. */
  List<Parameter> parameters();

  /** Returns the training setup of the (every) block. */
  SolveSetup setup();

  /**
   * Sets the gradient method of every block.
   *
   * @throws IllegalArgumentException if it cannot work with the setup
   */
  void setMethod(GradientMethod method);

  /**
   * Zeroes the gradients, runs forward and backward on {@code x}, and returns the cost: the blocks'
   * evaluations and times added up, and the peak bytes held over the whole backward pass.
   */
  GradientReport gradient(Tensor x);

  /** Returns the loss at the current parameters, with the current method's forward pass. */
  double loss(Tensor x);

  /** Returns one ODE block with the loss mean(z(T)^2). */
  static GradCheckTarget of(OdeBlock block) {
    return new GradCheckTarget() {
      @Override
      public List<Parameter> parameters() {
        return block.parameters();
      }

      @Override
      public SolveSetup setup() {
        return block.setup();
      }

      @Override
      public void setMethod(GradientMethod method) {
        block.setMethod(method);
      }

      @Override
      public GradientReport gradient(Tensor x) {
        block.parameters().forEach(Parameter::zeroGrad);
        Tensor z = block.forward(x);
        Tensor dz = z.zerosLike();
        MeanSquaredError.mean(z, z.zerosLike(), dz);
        return block.backward(dz, x.zerosLike());
      }

      @Override
      public double loss(Tensor x) {
        Tensor z = block.solve(x).y();
        return MeanSquaredError.mean(z, z.zerosLike(), null);
      }
    };
  }

  /**
   * Returns a network of ODE blocks with its mean cross-entropy on {@code labels}; batch norms in
   * training mode, so the loss is the one the gradient differentiates.
   */
  static GradCheckTarget of(OdeResNet net, SolveSetup setup, int[] labels) {
    return new GradCheckTarget() {
      @Override
      public List<Parameter> parameters() {
        return net.parameters();
      }

      @Override
      public SolveSetup setup() {
        return setup;
      }

      @Override
      public void setMethod(GradientMethod method) {
        net.setMethod(method);
      }

      @Override
      public GradientReport gradient(Tensor x) {
        net.zeroGrad();
        OdeResNet.Step s = net.trainBatch(x, labels);
        long fwd = 0;
        long bwd = 0;
        long vjps = 0;
        int steps = 0;
        long fNanos = 0;
        long bNanos = 0;
        for (GradientReport r : s.reports()) {
          fwd += r.forwardEvaluations();
          bwd += r.backwardEvaluations();
          vjps += r.backwardVjps();
          steps += r.forwardSteps();
          fNanos += r.forwardNanos();
          bNanos += r.backwardNanos();
        }
        return new GradientReport(
            s.reports().get(0).method(), fwd, bwd, vjps, steps, s.peakBytesHeld(), fNanos, bNanos);
      }

      @Override
      public double loss(Tensor x) {
        return net.trainBatch(x, labels).loss();
      }
    };
  }
}
