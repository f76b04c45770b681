package org.node4j.nn.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

/**
 * An optimiser's mutable state as named tensors, the analogue of PyTorch's {@code
 * optimizer.state_dict()}; save it with {@code org.node4j.nn.io.TensorFile}.
 *
 * <p>Names are {@code "steps"} (the step count), {@code "group.<g>.lr"} (the current learning rate
 * of group g) and {@code "param.<name>.<slot>"} for each per-parameter buffer, with slots {@code
 * momentum_buffer} (SGD) or {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq} (Adam).
 * Scalars are float64 tensors of shape {@code [1]}; buffers have their parameter's shape and dtype.
 *
 * @param tensors the entries, in a stable order; the map is copied, the tensors are not
 */
public record OptimizerState(Map<String, Tensor> tensors) {

  /** Copies the map, keeping its iteration order, and makes it unmodifiable. */
  public OptimizerState {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** Returns a float64 tensor of shape {@code [1]} holding {@code value}. */
  static Tensor scalar(double value) {
    return Tensor.wrap(new double[] {value}, 1);
  }

  /** Reports whether {@code t} is a float64 tensor of shape {@code [1]}. */
  static boolean isScalar(Tensor t) {
    return t.dtype() == DType.FLOAT64 && t.rank() == 1 && t.size() == 1;
  }
}
