package org.node4j.nn.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/**
 * Groups, per-parameter buffers ("slots"), the step count, and their export and import; subclasses
 * supply only the per-parameter update rule.
 */
abstract class AbstractOptimizer implements Optimizer {
  private final List<ParamGroup> groups;
  private final List<String> slotNames;
  private final Parameter[] params;
  private final ParamGroup[] groupOf;
  private final Tensor[][] slots;
  private long steps;

  /**
   * Allocates one zero buffer of each parameter's shape and dtype per slot name.
   *
   * @throws IllegalArgumentException when there are no groups or a parameter name repeats
   */
  AbstractOptimizer(List<ParamGroup> groups, List<String> slotNames) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("an optimiser needs at least one parameter group");
    }
    this.groups = List.copyOf(groups);
    this.slotNames = List.copyOf(slotNames);
    List<Parameter> all = new ArrayList<>();
    List<ParamGroup> owners = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ParamGroup g : this.groups) {
      for (Parameter p : g.params()) {
        if (!names.add(p.name())) {
          throw new IllegalArgumentException(
              "parameter name '"
                  + p.name()
                  + "' appears twice; each parameter belongs to one group");
        }
        all.add(p);
        owners.add(g);
      }
    }
    this.params = all.toArray(new Parameter[0]);
    this.groupOf = owners.toArray(new ParamGroup[0]);
    this.slots = new Tensor[params.length][slotNames.size()];
    for (int i = 0; i < params.length; i++) {
      for (int s = 0; s < slotNames.size(); s++) {
        slots[i][s] = params[i].value().zerosLike();
      }
    }
  }

  /**
   * Updates one parameter in place.
   *
   * @param group the parameter's group, for its learning rate and weight decay
   * @param p the parameter (value modified, gradient not modified)
   * @param slots this parameter's buffers, in the order of the slot names (modified)
   * @param step the 1-based number of this step
   */
  abstract void update(ParamGroup group, Parameter p, Tensor[] slots, long step);

  @Override
  public final void step() {
    steps++;
    for (int i = 0; i < params.length; i++) {
      update(groupOf[i], params[i], slots[i], steps);
    }
  }

  @Override
  public final void zeroGrad() {
    for (Parameter p : params) {
      p.zeroGrad();
    }
  }

  @Override
  public final List<ParamGroup> groups() {
    return groups;
  }

  @Override
  public final long steps() {
    return steps;
  }

  @Override
  public final OptimizerState exportState() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("steps", OptimizerState.scalar(steps));
    for (int g = 0; g < groups.size(); g++) {
      out.put("group." + g + ".lr", OptimizerState.scalar(groups.get(g).lr()));
    }
    for (int i = 0; i < params.length; i++) {
      for (int s = 0; s < slotNames.size(); s++) {
        out.put(slotKey(i, s), slots[i][s].copy());
      }
    }
    return new OptimizerState(out);
  }

  @Override
  public final void importState(OptimizerState state) {
    Map<String, Tensor> in = state.tensors();
    List<String> problems = new ArrayList<>();
    Set<String> expected = new HashSet<>();
    checkScalar(in, "steps", expected, problems);
    for (int g = 0; g < groups.size(); g++) {
      checkScalar(in, "group." + g + ".lr", expected, problems);
    }
    for (int i = 0; i < params.length; i++) {
      for (int s = 0; s < slotNames.size(); s++) {
        checkSlot(in, slotKey(i, s), slots[i][s], expected, problems);
      }
    }
    for (String name : in.keySet()) {
      if (!expected.contains(name)) {
        problems.add("unexpected entry '" + name + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "optimiser state does not fit " + getClass().getSimpleName() + ": " + problems);
    }
    steps = (long) in.get("steps").get(0);
    for (int g = 0; g < groups.size(); g++) {
      groups.get(g).setLr(in.get("group." + g + ".lr").get(0));
    }
    for (int i = 0; i < params.length; i++) {
      for (int s = 0; s < slotNames.size(); s++) {
        slots[i][s].copyFrom(in.get(slotKey(i, s)));
      }
    }
  }

  private String slotKey(int param, int slot) {
    return "param." + params[param].name() + "." + slotNames.get(slot);
  }

  private static void checkScalar(
      Map<String, Tensor> in, String name, Set<String> expected, List<String> problems) {
    expected.add(name);
    Tensor t = in.get(name);
    if (t == null) {
      problems.add("missing '" + name + "'");
    } else if (!OptimizerState.isScalar(t)) {
      problems.add("'" + name + "' must be FLOAT64 [1], got " + t);
    } else {
      double v = t.get(0);
      boolean ok = name.equals("steps") ? v >= 0 && v == Math.rint(v) : v >= 0;
      if (!ok || !Double.isFinite(v)) {
        problems.add("'" + name + "' has invalid value " + v);
      }
    }
  }

  private static void checkSlot(
      Map<String, Tensor> in,
      String name,
      Tensor own,
      Set<String> expected,
      List<String> problems) {
    expected.add(name);
    Tensor t = in.get(name);
    if (t == null) {
      problems.add("missing '" + name + "'");
    } else if (!t.sameShape(own) || t.dtype() != own.dtype()) {
      problems.add(
          "'"
              + name
              + "' is "
              + Arrays.toString(t.shape())
              + " "
              + t.dtype()
              + ", expected "
              + Arrays.toString(own.shape())
              + " "
              + own.dtype());
    }
  }
}
