package org.node4j.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code results.csv} through Commons CSV: written, read back to the same bytes, checked. */
class ResultsTableTest {
  private static final ResultsTable TABLE =
      new ResultsTable(
          List.of(
              new ResultRow(0, 8, 0.992, "euler", 16, 0.535, 535, 1000, 16),
              new ResultRow(1, 8, 0.99, "rk4-38", 8, 0.5, 500, 1000, 32)));

  @Test
  void writesHeaderAndFormattedRowsAndReadsThemBack() throws IOException {
    String csv = TABLE.csv();

    assertThat(csv)
        .isEqualTo(
            ResultRow.HEADER
                + "\n0,euler,8,0.992000,euler,16,0.535000,535,1000,16.0\n"
                + "1,euler,8,0.990000,rk4-38,8,0.500000,500,1000,32.0\n");
    assertThat(ResultsTable.parse(csv, "t").rows()).isEqualTo(TABLE.rows());
    assertThat(ResultsTable.parse(csv, "t").csv()).isEqualTo(csv);
  }

  @Test
  void rejectsAnotherHeaderOrABadRowNamingTheLine() {
    assertThatThrownBy(() -> ResultsTable.parse("a,b\n1,2\n", "x.csv"))
        .hasMessageContaining("x.csv is not a results file");
    assertThatThrownBy(
            () -> ResultsTable.parse(ResultRow.HEADER + "\n0,euler,8,x,euler,1,0,0,1,1\n", "y.csv"))
        .hasMessageContaining("y.csv, line 1");
  }
}
