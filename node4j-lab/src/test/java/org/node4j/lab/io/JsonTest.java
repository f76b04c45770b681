package org.node4j.lab.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  record Summary(String solver, int steps, List<Double> accuracy) {}

  @Test
  void writesRecordsPrettyInComponentOrderAndReadsThemBack(@TempDir Path dir) throws IOException {
    Summary summary = new Summary("euler", 8, List.of(0.5, 0.75));
    Path file = dir.resolve("runs/summary.json");

    Json.writeFile(file, summary);

    String text = Files.readString(file);
    assertThat(text).endsWith("}\n").contains("\n  \"solver\"");
    assertThat(text.indexOf("solver")).isLessThan(text.indexOf("steps"));
    assertThat(Json.newMapper().readValue(text, Summary.class)).isEqualTo(summary);
  }
}
