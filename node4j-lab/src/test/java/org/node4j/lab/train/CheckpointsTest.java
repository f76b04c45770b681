package org.node4j.lab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.node4j.lab.config.OptimizerConfig;
import org.node4j.nn.io.TensorFile;
import org.node4j.nn.optim.Optimizer;
import org.node4j.nn.param.Parameter;
import org.node4j.nn.tensor.Tensor;

class CheckpointsTest {
  private static final TrainerState STATE =
      new TrainerState(7, 1.5, 0.125, Double.NaN, new long[] {3, 4}, 70, 140, 0.5, 0.75);

  private static Parameter weight(double v) {
    return new Parameter("w", Tensor.wrap(new double[] {v, v}, 2));
  }

  @Test
  void aCompleteCheckpointRestoresParametersAndState(@TempDir Path dir) throws Exception {
    Parameter w = weight(2);
    new Checkpoints(dir, 2).save(List.of(w), optimizer(w), STATE);
    Parameter fresh = weight(0);

    TrainerState back =
        new Checkpoints(dir, 2)
            .restoreLatest(List.of(fresh), optimizer(fresh))
            .orElseThrow()
            .state();

    assertThat(fresh.value().get(1)).isEqualTo(2);
    assertThat(back.iteration()).isEqualTo(7);
    assertThat(back.nfeHistory()).containsExactly(3, 4);
  }

  @Test
  void aCheckpointWithMissingTrainerEntriesIsRefusedByNameBeforeAnythingIsRestored(
      @TempDir Path dir) throws Exception {
    Parameter w = weight(2);
    Path file = new Checkpoints(dir, 2).save(List.of(w), optimizer(w), STATE);
    Map<String, Tensor> tensors = new LinkedHashMap<>(TensorFile.read(file));
    tensors.remove("trainer.nfeHistory");
    tensors.remove("trainer.lastLoss");
    TensorFile.write(file, tensors);
    Parameter fresh = weight(0);

    assertThatThrownBy(
            () -> new Checkpoints(dir, 2).restoreLatest(List.of(fresh), optimizer(fresh)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("lacks trainer.lastLoss, trainer.nfeHistory")
        .hasMessageNotContaining("trainer.iteration");
    assertThat(fresh.value().get(0)).isZero();
  }

  @Test
  void aTruncatedHistoryIsRefusedToo(@TempDir Path dir) throws Exception {
    Parameter w = weight(2);
    Path file = new Checkpoints(dir, 2).save(List.of(w), optimizer(w), STATE);
    Map<String, Tensor> tensors = new LinkedHashMap<>(TensorFile.read(file));
    tensors.put("trainer.nfeHistory", Tensor.wrap(new double[] {2, 3}, 2));
    TensorFile.write(file, tensors);

    assertThatThrownBy(() -> new Checkpoints(dir, 2).restoreLatest(List.of(w), optimizer(w)))
        .hasMessageContaining("trainer.nfeHistory (holds 1 of 2)");
  }

  private static Optimizer optimizer(Parameter w) {
    return Optimizers.create(OptimizerConfig.defaults(), List.of(w));
  }
}
