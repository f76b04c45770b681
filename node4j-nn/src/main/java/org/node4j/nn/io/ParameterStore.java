package org.node4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.node4j.nn.io.ParameterMismatchException.Kind;
import org.node4j.nn.io.ParameterMismatchException.Mismatch;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/**
 * Saves a model's parameters to a {@link TensorFile} and loads them back strictly: names, shapes
 * and dtypes must all match, and a load either copies every parameter or none.
 */
public final class ParameterStore {
  private ParameterStore() {}

  /**
   * Writes the values of {@code params} under their names, atomically.
   *
   * @throws IllegalArgumentException when two parameters share a name
   */
  public static void save(Path file, List<Parameter> params) throws IOException {
    TensorFile.write(file, toMap(params));
  }

  /**
   * Loads {@code file} into {@code params}. The whole file is read and checked before the first
   * value is copied, so on any exception the parameters are unchanged.
   *
   * @throws TensorFileException when the file is damaged, truncated or of another version
   * @throws ParameterMismatchException naming every missing, unexpected, reshaped or retyped entry
   */
  public static void load(Path file, List<Parameter> params) throws IOException {
    copyInto("file " + file, TensorFile.read(file), params);
  }

  /**
   * Returns the parameters' values keyed by name, in order, sharing the value tensors (not copies);
   * for building a checkpoint map together with optimiser state.
   *
   * @throws IllegalArgumentException when two parameters share a name
   */
  public static Map<String, Tensor> toMap(List<Parameter> params) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Parameter p : params) {
      if (out.put(p.name(), p.value()) != null) {
        throw new IllegalArgumentException(
            "two parameters are named '" + p.name() + "'; names must be unique to be saved");
      }
    }
    return out;
  }

  /**
   * Copies {@code tensors} into {@code params} after checking that they correspond exactly.
   *
   * @param source names the origin in error messages, e.g. {@code "file model.n4j"}
   * @throws ParameterMismatchException listing every mismatch; nothing is copied then
   */
  public static void copyInto(String source, Map<String, Tensor> tensors, List<Parameter> params) {
    List<Mismatch> problems = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (Parameter p : params) {
      known.add(p.name());
      check(p, tensors.get(p.name()), problems);
    }
    for (String name : tensors.keySet()) {
      if (!known.contains(name)) {
        problems.add(new Mismatch(Kind.UNEXPECTED, name, "unexpected tensor '" + name + "'"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ParameterMismatchException(source, problems);
    }
    for (Parameter p : params) {
      p.value().copyFrom(tensors.get(p.name()));
    }
  }

  private static void check(Parameter p, Tensor stored, List<Mismatch> problems) {
    Tensor own = p.value();
    String name = p.name();
    if (stored == null) {
      problems.add(new Mismatch(Kind.MISSING, name, "missing parameter '" + name + "'"));
    } else if (!stored.sameShape(own)) {
      problems.add(
          new Mismatch(
              Kind.SHAPE,
              name,
              "shape of '"
                  + name
                  + "': stored "
                  + Arrays.toString(stored.shape())
                  + " vs parameter "
                  + Arrays.toString(own.shape())));
    } else if (stored.dtype() != own.dtype()) {
      problems.add(
          new Mismatch(
              Kind.DTYPE,
              name,
              "dtype of '"
                  + name
                  + "': stored "
                  + stored.dtype()
                  + " vs parameter "
                  + own.dtype()));
    }
  }
}
