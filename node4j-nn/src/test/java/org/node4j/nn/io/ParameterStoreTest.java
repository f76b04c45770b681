package org.node4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.node4j.nn.init.Initializers;
import org.node4j.nn.io.ParameterMismatchException.Kind;
import org.node4j.nn.io.ParameterMismatchException.Mismatch;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

class ParameterStoreTest {
  @TempDir Path dir;

  private static Parameter param(String name, DType dtype, long seed, int... shape) {
    Tensor t = Tensor.zeros(dtype, shape);
    Initializers.normal(0, 1).fill(t, seed);
    return new Parameter(name, t);
  }

  private static List<Parameter> model(DType dtype, long seed) {
    return List.of(
        param("conv.weight", dtype, seed, 4, 2, 3),
        param("conv.bias", dtype, seed + 1, 4),
        param("head.weight", dtype, seed + 2, 2, 8));
  }

  private static List<Tensor> snapshot(List<Parameter> ps) {
    return ps.stream().map(p -> p.value().copy()).toList();
  }

  private static void assertUnchanged(List<Parameter> ps, List<Tensor> before) {
    for (int i = 0; i < ps.size(); i++) {
      Tensor now = ps.get(i).value();
      for (int j = 0; j < now.size(); j++) {
        assertThat(now.get(j)).isEqualTo(before.get(i).get(j));
      }
    }
  }

  private Path saved(DType dtype) throws IOException {
    Path f = dir.resolve("model.n4j");
    ParameterStore.save(f, model(dtype, 1));
    return f;
  }

  @ParameterizedTest
  @EnumSource(DType.class)
  void roundTripRestoresEveryValue(DType dtype) throws IOException {
    Path f = saved(dtype);
    List<Parameter> target = model(dtype, 99);
    ParameterStore.load(f, target);
    assertUnchanged(target, snapshot(model(dtype, 1)));
  }

  private ParameterMismatchException failedLoad(Path f, List<Parameter> target) {
    List<Tensor> before = snapshot(target);
    ParameterMismatchException e =
        assertThrows(ParameterMismatchException.class, () -> ParameterStore.load(f, target));
    assertUnchanged(target, before);
    assertThat(e).hasMessageContaining(f.toString());
    return e;
  }

  @Test
  void eachKindOfMismatchIsNamedAndNothingIsLoaded() throws IOException {
    Path f = saved(DType.FLOAT32);
    List<Parameter> target =
        List.of(
            param("conv.weight", DType.FLOAT32, 5, 4, 2, 5),
            param("conv.bias", DType.FLOAT64, 6, 4),
            param("head.weight", DType.FLOAT32, 7, 2, 8),
            param("extra.scale", DType.FLOAT32, 8, 1));
    ParameterMismatchException e = failedLoad(f, target);
    assertThat(e.mismatches())
        .extracting(Mismatch::kind, Mismatch::name)
        .containsExactly(
            tuple(Kind.SHAPE, "conv.weight"),
            tuple(Kind.DTYPE, "conv.bias"),
            tuple(Kind.MISSING, "extra.scale"));
    assertThat(e)
        .hasMessageContaining("stored [4, 2, 3] vs parameter [4, 2, 5]")
        .hasMessageContaining("stored FLOAT32 vs parameter FLOAT64");
  }

  @Test
  void anUnexpectedStoredTensorFailsTheWholeLoad() throws IOException {
    Path f = saved(DType.FLOAT64);
    List<Parameter> target = model(DType.FLOAT64, 3).subList(0, 2);
    ParameterMismatchException e = failedLoad(f, target);
    assertThat(e.mismatches()).extracting(Mismatch::kind).containsExactly(Kind.UNEXPECTED);
    assertThat(e).hasMessageContaining("'head.weight'");
  }

  @Test
  void aCorruptFileLeavesTheParametersUnchanged() throws IOException {
    Path f = saved(DType.FLOAT32);
    byte[] b = Files.readAllBytes(f);
    b[b.length - 10] ^= 0x40;
    Files.write(f, b);
    List<Parameter> target = model(DType.FLOAT32, 4);
    List<Tensor> before = snapshot(target);
    assertThatThrownBy(() -> ParameterStore.load(f, target))
        .isInstanceOfSatisfying(
            TensorFileException.class,
            ex -> assertThat(ex.problem()).isEqualTo(TensorFileException.Problem.BAD_CHECKSUM));
    assertUnchanged(target, before);
  }

  @Test
  void duplicateParameterNamesCannotBeSaved() {
    Parameter p = param("w", DType.FLOAT32, 1, 2);
    assertThatThrownBy(() -> ParameterStore.save(dir.resolve("x.n4j"), List.of(p, p)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'w'");
  }
}
