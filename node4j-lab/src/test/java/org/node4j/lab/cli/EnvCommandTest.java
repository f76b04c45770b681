package org.node4j.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.node4j.lab.io.Json;

class EnvCommandTest {

  @Test
  void jsonIsOneDocumentDescribingThisJvm() throws IOException {
    MainTest.Run run = MainTest.run("env", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode env = Json.newMapper().readTree(run.out());
    assertThat(env.get("javaVersion").asText()).isEqualTo(Runtime.version().toString());
    assertThat(env.get("availableProcessors").asInt())
        .isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(env.get("maxHeapBytes").asLong()).isEqualTo(Runtime.getRuntime().maxMemory());
    assertThat(env.get("jvmArguments").isArray()).isTrue();
  }

  @Test
  void reportsThePreferredVectorSpeciesWhenTheModuleIsLoaded() throws IOException {
    // Surefire starts the test JVM with --add-modules jdk.incubator.vector (parent POM).
    JsonNode env = Json.newMapper().readTree(MainTest.run("env", "--json").out());

    assertThat(env.get("vectorModule").asBoolean()).isTrue();
    JsonNode vector = env.get("vector");
    int bits = vector.get("preferredBits").asInt();
    assertThat(bits).isPositive().isEqualTo(Integer.highestOneBit(bits));
    assertThat(vector.get("floatLanes").asInt() * Float.SIZE).isEqualTo(bits);
    assertThat(vector.get("doubleLanes").asInt() * Double.SIZE).isEqualTo(bits);
  }

  @Test
  void infoIsAnAliasWithAReadableTextForm() {
    MainTest.Run run = MainTest.run("info");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("java", "processors", "max heap", "GiB", "preferred species")
        .contains(Runtime.version().toString());
  }

  @Test
  void runsOnAJvmWithoutTheVectorModule() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "env",
                    "--json"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).isZero();
    JsonNode env = Json.newMapper().readTree(out);
    assertThat(env.get("vectorModule").asBoolean()).isFalse();
    assertThat(env.get("vector").isNull()).isTrue();
  }
}
