package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.node4j.lab.io.Json;

/** {@code node4j bench}: smoke runs report outputs and settings; bad settings are usage errors. */
class BenchCommandTest {

  @Test
  void smokeW1ReportsTheMatchingFirstLossWithThreadsAndKernel() throws IOException {
    MainTest.Run run = MainTest.run("bench", "W1", "--smoke", "--threads", "1", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = Json.newMapper().readTree(run.out());
    assertThat(doc.get("environment").get("threads").asInt()).isEqualTo(1);
    JsonNode w1 = doc.get("workloads").get(0);
    assertThat(w1.get("id").asText()).isEqualTo("W1");
    assertThat(w1.get("lossMatches").asBoolean()).isTrue();
    assertThat(w1.get("forwardEvaluations").asInt()).isEqualTo(64);
    assertThat(w1.get("threads").asInt()).isEqualTo(1);
    assertThat(w1.get("kernel").asText()).isEqualTo(doc.get("environment").get("kernel").asText());
    assertThat(w1.get("timing").get("iterations").asInt()).isEqualTo(1);
  }

  @Test
  void badSettingsAreUsageErrors() {
    assertThat(MainTest.run("bench", "W9").exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(MainTest.run("bench", "W1", "--threads", "0").exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(MainTest.run("bench", "W1", "--smoke", "--iterations", "0").exitCode())
        .isEqualTo(Main.EXIT_USAGE);
  }
}
