package org.node4j.nn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.node4j.nn.layer.Cache;
import org.node4j.nn.layer.Sequential;
import org.node4j.nn.loss.Accuracy;
import org.node4j.nn.loss.CrossEntropy;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.SaveAt;
import org.node4j.ode.Solution;
import org.node4j.ode.grad.GradientReport;
import org.node4j.ode.integrate.SolveSetup;

/**
 * A classifier f = head o flow of an ODE block, trained with cross-entropy: Ott et al.'s model
 * (ICLR 2021, §2; no upstream block). Training code drives it batch by batch:
 *
 * <pre>{@code
 * OdeClassifier m = new OdeClassifier(block, ClassifierHead.of(new int[] {1, 2}, 2, FLOAT32));
 * Step s = m.trainBatch(x, labels, count); // grads added into m.parameters()' grad buffers
 * Evaluation e = m.evaluate(x, labels, count, Solvers.rk4(), ConstantSteps.count(64));
 * }</pre>
 *
 * <p>A batch tensor has shape [B, sample...]; only its first {@code count} rows are meaningful (a
 * short last batch): the loss is the mean over them, and the other rows get zero gradient. Buffers
 * are kept per batch shape and reused. Not thread-safe.
 */
public final class OdeClassifier {
  private final OdeBlock block;
  private final Sequential head;
  private final List<Parameter> parameters;
  private final List<Buffers> buffers = new ArrayList<>();
  private Tensor lastOutput;

  /**
   * Combines a block and a head.
   *
   * @param head maps the block's output [B, sample...] to logits [B, K]
   */
  public OdeClassifier(OdeBlock block, Sequential head) {
    this.block = Objects.requireNonNull(block, "block");
    this.head = Objects.requireNonNull(head, "head");
    List<Parameter> all = new ArrayList<>(block.parameters());
    all.addAll(head.parameters());
    this.parameters = List.copyOf(all);
  }

  /** The result of one training batch. */
  public record Step(double loss, int correct, int count, GradientReport report) {}

  /** The result of evaluating one batch with some integration. */
  public record Evaluation(int correct, int count, long evaluations) {}

  /** Returns the ODE block. */
  public OdeBlock block() {
    return block;
  }

  /** Returns the head. */
  public Sequential head() {
    return head;
  }

  /** Returns the block's parameters, then the head's. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** Clears every parameter's gradient. */
  public void zeroGrad() {
    for (Parameter p : parameters) {
      p.zeroGrad();
    }
  }

  /**
   * Runs the training forward pass (the block keeps what backward needs) and returns the logits,
   * owned by the model.
   */
  public Tensor logits(Tensor x) {
    Buffers b = buffersFor(x);
    lastOutput = block.forward(x);
    return head.forward(lastOutput, b.headCache);
  }

  /** Returns z(t1) of the last training forward pass (owned by the block), or null. */
  public Tensor odeOutput() {
    return lastOutput;
  }

  /**
   * Forward, mean cross-entropy over the first {@code count} rows, and backward: adds the gradients
   * into the parameters' buffers (the caller zeroes them).
   */
  public Step trainBatch(Tensor x, int[] labels, int count) {
    Buffers b = buffersFor(x);
    Tensor logits = logits(x);
    requireCount(count, logits.dim(0));
    double loss = lossAndGradient(logits, labels, count, b);
    int correct = countCorrect(logits, labels, count, b);
    head.backward(b.dLogits, b.headCache, b.dz);
    GradientReport report = block.backward(b.dz, b.dx);
    return new Step(loss, correct, count, report);
  }

  /**
   * Regression: forward, the mean squared error over every output of the first {@code count} rows
   * against {@code targets} (same shape as the outputs; PyTorch's {@code mse_loss} with mean
   * reduction, the loss of Marion et al.'s synthetic experiments), and backward. The step's {@code
   * correct} is 0.
   *
   * @throws IllegalArgumentException naming both shapes when {@code targets} does not match the
   *     outputs
   */
  public Step trainRegression(Tensor x, Tensor targets, int count) {
    Buffers b = buffersFor(x);
    Tensor out = logits(x);
    requireCount(count, out.dim(0));
    double loss = sumOfSquares(out, targets, count, b.dLogits) / ((double) count * out.dim(1));
    head.backward(b.dLogits, b.headCache, b.dz);
    GradientReport report = block.backward(b.dz, b.dx);
    return new Step(loss, 0, count, report);
  }

  /**
   * Runs forward only with {@code setup} and returns the sum of squared errors over every output of
   * the first {@code count} rows.
   */
  public double squaredError(Tensor x, Tensor targets, int count, SolveSetup setup) {
    Buffers b = buffersFor(x);
    requireCount(count, x.dim(0));
    Solution<Tensor> sol = block.solve(x, setup, SaveAt.t1());
    return sumOfSquares(head.forward(sol.y(), b.headCache), targets, count, null);
  }

  /**
   * Σ (out − target)² over the first {@code count} rows; when {@code grad} is not null, writes the
   * gradient of the mean, 2 (out − target) / (count · outputs), there (0 in the other rows).
   */
  private static double sumOfSquares(Tensor out, Tensor targets, int count, Tensor grad) {
    if (!out.sameShape(targets)) {
      throw new IllegalArgumentException(
          "regression targets "
              + Arrays.toString(targets.shape())
              + " do not match the outputs "
              + Arrays.toString(out.shape()));
    }
    int n = count * out.dim(1);
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = out.get(i) - targets.get(i);
      s += d * d;
      if (grad != null) {
        grad.set(i, 2.0 * d / n);
      }
    }
    if (grad != null) {
      for (int i = n; i < grad.size(); i++) {
        grad.set(i, 0.0);
      }
    }
    return s;
  }

  /** Runs forward only with {@code setup} and counts correct predictions. */
  public Evaluation evaluate(Tensor x, int[] labels, int count, SolveSetup setup) {
    Buffers b = buffersFor(x);
    requireCount(count, x.dim(0));
    Solution<Tensor> sol = block.solve(x, setup, SaveAt.t1());
    Tensor logits = head.forward(sol.y(), b.headCache);
    return new Evaluation(
        countCorrect(logits, labels, count, b), count, sol.statistics().evaluations());
  }

  /** Solves from {@code x} with any integration and returns the states at {@code saveAt}. */
  public Solution<Tensor> trajectory(Tensor x, SolveSetup setup, SaveAt saveAt) {
    return block.solve(x, setup, saveAt);
  }

  private double lossAndGradient(Tensor logits, int[] labels, int count, Buffers b) {
    if (count == logits.dim(0)) {
      return CrossEntropy.withLogits(logits, labels, b.dLogits);
    }
    Tensor sub = b.rows(count);
    Tensor subGrad = b.rowGrad(count);
    int k = logits.dim(1);
    for (int i = 0; i < count * k; i++) {
      sub.set(i, logits.get(i));
    }
    double loss = CrossEntropy.withLogits(sub, labels, subGrad);
    b.dLogits.fillZero();
    for (int i = 0; i < count * k; i++) {
      b.dLogits.set(i, subGrad.get(i));
    }
    return loss;
  }

  private static int countCorrect(Tensor logits, int[] labels, int count, Buffers b) {
    if (count == logits.dim(0)) {
      return Accuracy.countCorrect(logits, labels);
    }
    Tensor sub = b.rows(count);
    for (int i = 0; i < sub.size(); i++) {
      sub.set(i, logits.get(i));
    }
    return Accuracy.countCorrect(sub, labels);
  }

  private static void requireCount(int count, int batch) {
    if (count < 1 || count > batch) {
      throw new IllegalArgumentException(
          "count must be in [1, " + batch + "] (the batch rows), got " + count);
    }
  }

  private Buffers buffersFor(Tensor x) {
    for (Buffers b : buffers) {
      if (b.x.dtype() == x.dtype() && Arrays.equals(b.x.shape(), x.shape())) {
        return b;
      }
    }
    Buffers b = new Buffers(x);
    buffers.add(b);
    return b;
  }

  /** The buffers of one batch shape. */
  private final class Buffers {
    final Tensor x;
    final Cache headCache;
    final Tensor dLogits;
    final Tensor dz;
    final Tensor dx;
    private Tensor rows;
    private Tensor rowGrad;

    Buffers(Tensor like) {
      this.x = like.zerosLike();
      this.headCache = head.newCache(like.shape(), like.dtype());
      this.dLogits = Tensor.zeros(like.dtype(), head.outputShape(like.shape()));
      this.dz = like.zerosLike();
      this.dx = like.zerosLike();
    }

    Tensor rows(int count) {
      if (rows == null || rows.dim(0) != count) {
        rows = Tensor.zeros(dLogits.dtype(), count, dLogits.dim(1));
        rowGrad = rows.zerosLike();
      }
      return rows;
    }

    Tensor rowGrad(int count) {
      rows(count);
      return rowGrad;
    }
  }
}
