package org.node4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.nn.optim.Adam;
import org.node4j.nn.optim.AdamOptions;
import org.node4j.nn.optim.OptimizerState;
import org.node4j.nn.optim.ParamGroup;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

/** Parameters and optimiser state in one checkpoint file resume training bit for bit. */
class CheckpointRoundTripTest {
  @TempDir Path dir;

  private static List<Parameter> params() {
    return List.of(
        new Parameter("w", Tensor.wrap(new float[] {0.5f, -1f, 2f, 0.25f}, 2, 2)),
        new Parameter("b", Tensor.wrap(new float[] {0.1f, -0.2f}, 2)));
  }

  private static void train(Adam adam, List<Parameter> ps, int from, int to) {
    for (int t = from; t <= to; t++) {
      adam.zeroGrad();
      for (Parameter p : ps) {
        for (int i = 0; i < p.value().size(); i++) {
          p.grad().set(i, p.value().get(i) * p.value().get(i) - Math.cos(t + i));
        }
      }
      adam.step();
    }
  }

  private static Adam adam(List<Parameter> ps) {
    return new Adam(AdamOptions.adam(), List.of(ParamGroup.of(ps, 0.05, 0.01)));
  }

  @Test
  void savingAndLoadingACheckpointMidRunGivesTheUninterruptedTrajectory() throws IOException {
    List<Parameter> straight = params();
    train(adam(straight), straight, 1, 8);

    List<Parameter> first = params();
    Adam before = adam(first);
    train(before, first, 1, 4);
    Map<String, Tensor> checkpoint = new LinkedHashMap<>();
    ParameterStore.toMap(first).forEach((k, v) -> checkpoint.put("model/" + k, v));
    before.exportState().tensors().forEach((k, v) -> checkpoint.put("optim/" + k, v));
    Path file = dir.resolve("ckpt.n4j");
    TensorFile.write(file, checkpoint);

    Map<String, Tensor> loaded = TensorFile.read(file);
    Map<String, Tensor> model = new LinkedHashMap<>();
    Map<String, Tensor> optim = new LinkedHashMap<>();
    loaded.forEach((k, v) -> (k.startsWith("model/") ? model : optim).put(k.substring(6), v));
    List<Parameter> resumed = params();
    ParameterStore.copyInto("checkpoint", model, resumed);
    Adam after = adam(resumed);
    after.importState(new OptimizerState(optim));
    train(after, resumed, 5, 8);

    for (int i = 0; i < straight.size(); i++) {
      assertThat(resumed.get(i).value().floats()).containsExactly(straight.get(i).value().floats());
    }
  }
}
