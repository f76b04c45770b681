package org.node4j.nn.field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.state.TensorOps;
import org.node4j.nn.tensor.Tensor;
import org.node4j.ode.StateOps;
import org.node4j.ode.Tuple;
import org.node4j.ode.TupleOps;

/**
 * The N parameter sets theta_0 .. theta_{N-1} of a network evaluated with different weights at
 * different depths, each set aligned with the parameter list of one architecture.
 *
 * <p>Sets may share {@link Parameter} objects (weight tying: every set is the same list), so the
 * gradient type is a {@link Tuple} over the <em>distinct</em> parameters, in first-appearance
 * order, with one tensor per parameter. {@link #gradients()} is the tuple of the parameters' own
 * {@link Parameter#grad()} buffers: passing it as the accumulator of a gradient method makes the
 * method add straight into what optimisers read.
 */
public final class ParameterSets {
  private final Parameter[][] sets;
  private final List<Parameter> distinct;
  private final int[][] parts;
  private final TupleOps ops;
  private final Tuple gradients;

  private ParameterSets(Parameter[][] sets) {
    this.sets = sets;
    Map<Parameter, Integer> index = new IdentityHashMap<>();
    List<Parameter> all = new ArrayList<>();
    this.parts = new int[sets.length][];
    for (int k = 0; k < sets.length; k++) {
      parts[k] = new int[sets[k].length];
      for (int j = 0; j < sets[k].length; j++) {
        Parameter p = sets[k][j];
        Integer i = index.get(p);
        if (i == null) {
          i = all.size();
          index.put(p, i);
          all.add(p);
        }
        parts[k][j] = i;
      }
    }
    this.distinct = Collections.unmodifiableList(all);
    this.ops = TupleOps.allParts(Collections.nCopies(all.size(), TensorOps.INSTANCE));
    this.gradients = Tuple.of(all.stream().map(Parameter::grad).toArray());
  }

  /** One set shared at every depth (an autonomous or weight-tied field). */
  public static ParameterSets single(List<Parameter> parameters) {
    return of(List.of(parameters));
  }

  /**
   * N sets, set k used at depth k.
   *
   * @throws IllegalArgumentException if there is no set, no parameter, or the sets differ in
   *     length, shape or dtype at some position (they must describe one architecture)
   */
  public static ParameterSets of(List<? extends List<Parameter>> perDepth) {
    if (perDepth.isEmpty()) {
      throw new IllegalArgumentException("need at least one parameter set, got none");
    }
    Parameter[][] sets = new Parameter[perDepth.size()][];
    for (int k = 0; k < sets.length; k++) {
      sets[k] = perDepth.get(k).toArray(new Parameter[0]);
      requireAligned(sets[0], sets[k], k);
    }
    if (sets[0].length == 0) {
      throw new IllegalArgumentException(
          "a parameter set is empty; a network field needs trainable parameters");
    }
    return new ParameterSets(sets);
  }

  /** Checks that {@code set} has the shapes and dtypes of {@code first}, position by position. */
  static void requireAligned(Parameter[] first, Parameter[] set, int k) {
    if (set.length != first.length) {
      throw new IllegalArgumentException(
          "parameter set " + k + " has " + set.length + " tensors, set 0 has " + first.length);
    }
    for (int j = 0; j < set.length; j++) {
      Tensor a = first[j].value();
      Tensor b = set[j].value();
      if (!a.sameShape(b) || a.dtype() != b.dtype()) {
        throw new IllegalArgumentException(
            "parameter "
                + j
                + " of set "
                + k
                + " ('"
                + set[j].name()
                + "') is "
                + b.dtype()
                + Arrays.toString(b.shape())
                + " but set 0 has "
                + a.dtype()
                + Arrays.toString(a.shape()));
      }
    }
  }

  /** Returns N, the number of sets. */
  public int depth() {
    return sets.length;
  }

  /** Returns the number of tensors per set. */
  public int perSet() {
    return sets[0].length;
  }

  /** Returns parameter {@code j} of set {@code k}. */
  public Parameter get(int k, int j) {
    return sets[k][j];
  }

  /** Returns set {@code k}, in architecture order. */
  public List<Parameter> set(int k) {
    return List.of(sets[k]);
  }

  /** Returns the distinct parameters of all sets, in first-appearance order. */
  public List<Parameter> distinct() {
    return distinct;
  }

  /** Returns whether every set is the same list of parameter objects (weight tying). */
  public boolean tied() {
    for (Parameter[] s : sets) {
      for (int j = 0; j < s.length; j++) {
        if (s[j] != sets[0][j]) {
          return false;
        }
      }
    }
    return true;
  }

  /** Returns the index of parameter {@code j} of set {@code k} in the gradient tuple. */
  public int part(int k, int j) {
    return parts[k][j];
  }

  /** Returns the gradient-tuple parts of set {@code k}, position by position (not a copy). */
  int[] parts(int k) {
    return parts[k];
  }

  /** Returns the operations on gradient tuples. */
  public StateOps<Tuple> gradOps() {
    return ops;
  }

  /** Returns a new zero gradient tuple shaped like {@link #distinct()}. */
  public Tuple newGrad() {
    return Tuple.of(distinct.stream().map(p -> p.value().zerosLike()).toArray());
  }

  /** Returns the tuple of the distinct parameters' own gradient buffers (not a copy). */
  public Tuple gradients() {
    return gradients;
  }

  /** Returns whether {@code g} is, part by part, the parameters' own gradient buffers. */
  public boolean isOwnGradient(Tuple g) {
    if (g == gradients) {
      return true;
    }
    if (g.size() != distinct.size()) {
      return false;
    }
    for (int i = 0; i < g.size(); i++) {
      if (g.part(i) != distinct.get(i).grad()) {
        return false;
      }
    }
    return true;
  }

  /** Clears the gradients of every distinct parameter. */
  public void zeroGrad() {
    for (Parameter p : distinct) {
      p.zeroGrad();
    }
  }
}
