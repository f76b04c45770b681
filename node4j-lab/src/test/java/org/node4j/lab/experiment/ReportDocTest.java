package org.node4j.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's HTML is its Markdown rendered by commonmark-java: one source, two renderings. */
class ReportDocTest {

  private static ReportDoc doc() {
    return new ReportDoc()
        .heading(2, "Critical step range")
        .paragraph("Found: **between 64 and 128** steps (h < 1/64); see `results.csv`.")
        .items(List.of("K_train 2 & 8", "rk4-38"))
        .table(List.of("K_train", "where"), List.of(List.of("2", "a|b"), List.of("8", "c")))
        .image("plots/a.png", "Accuracy");
  }

  @Test
  void markdownHoldsTheSourceText() {
    String md = doc().markdown();

    assertThat(md)
        .contains("## Critical step range\n\n")
        .contains("**between 64 and 128**", "`results.csv`", "- K_train 2 & 8\n- rk4-38")
        .contains("| K_train | where |\n| --- | --- |\n| 2 | a\\|b |\n| 8 | c |")
        .contains("![Accuracy](plots/a.png)");
  }

  @Test
  void htmlIsTheMarkdownRenderedWithTablesAndEscaping() {
    String html = doc().html("T <1>");

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>T &lt;1&gt;</title>");
    assertThat(html)
        .contains("<h2>Critical step range</h2>")
        .contains("<strong>between 64 and 128</strong>", "h &lt; 1/64", "<code>results.csv</code>")
        .contains("<li>K_train 2 &amp; 8</li>")
        .contains("<table>", "<th>K_train</th>", "<td>a|b</td>", "<td>c</td>")
        .contains("<img src=\"plots/a.png\" alt=\"Accuracy\"");
    assertThat(html).doesNotContain("**", "| ---");
  }
}
