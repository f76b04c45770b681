package org.node4j.nn.field;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.node4j.nn.param.GradientSink;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.param.ParameterSource;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.Tuple;

/**
 * The parameters of a compute network as keys: slot j is the network's j-th parameter. Sources and
 * sinks of a {@link NeuralField} answer a layer's request for parameter p with the tensor at p's
 * slot in some other list (theta_k, a gradient tuple), so the network runs with weights and
 * gradient buffers it does not own. Lookups allocate nothing.
 */
final class ParameterSlots {
  private final List<Parameter> keys;
  private final Map<Parameter, Integer> index = new IdentityHashMap<>();

  ParameterSlots(List<Parameter> keys) {
    this.keys = List.copyOf(keys);
    for (int j = 0; j < this.keys.size(); j++) {
      index.put(this.keys.get(j), j);
    }
  }

  /** Returns the number of slots. */
  int size() {
    return keys.size();
  }

  /** Returns the slot of {@code p}, a parameter of the compute network. */
  int slot(Parameter p) {
    Integer j = index.get(p);
    if (j == null) {
      throw new IllegalArgumentException(
          "parameter '" + p.name() + "' is not one of the compute network's " + keys);
    }
    return j;
  }

  /** Returns the source that answers slot j with {@code values.get(j).value()}. */
  ParameterSource source(List<Parameter> values) {
    Tensor[] v = values.stream().map(Parameter::value).toArray(Tensor[]::new);
    return p -> v[slot(p)];
  }

  /** A source reading slot j from part j of a tuple bound before each use (ANODEV2's theta). */
  static final class TupleSource implements ParameterSource {
    private final ParameterSlots slots;
    private Tuple values;

    TupleSource(ParameterSlots slots) {
      this.slots = slots;
    }

    /** Reads from {@code theta} from now on; returns this source. */
    TupleSource bind(Tuple theta) {
      this.values = theta;
      return this;
    }

    @Override
    public Tensor value(Parameter p) {
      return values.part(slots.slot(p));
    }
  }

  /**
   * A sink adding the gradient of slot j into part {@code parts[j]} of an accumulator tuple bound
   * before each backward pass (the gradient tuple of a depth-indexed field, the adjoint's augmented
   * state).
   */
  static final class TupleSink implements GradientSink {
    private final ParameterSlots slots;
    private int[] parts;
    private Tuple acc;

    TupleSink(ParameterSlots slots) {
      this.slots = slots;
    }

    /** Adds into {@code acc}, slot j into part {@code parts[j]}, from now on; returns this sink. */
    TupleSink bind(Tuple accumulator, int[] slotParts) {
      this.acc = accumulator;
      this.parts = slotParts;
      return this;
    }

    @Override
    public Tensor grad(Parameter p) {
      return acc.part(parts[slots.slot(p)]);
    }
  }
}
