package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A small document of headings, paragraphs, lists, tables and images, written once as Markdown
 * (GitHub tables) and rendered to a self-contained HTML page (inline style; images referenced
 * relatively, next to the page) by commonmark-java, so the two renderings cannot disagree. Text is
 * Markdown: {@code `code`} and {@code **bold**} spans work in both; a {@code |} inside a table cell
 * is escaped here.
 */
public final class ReportDoc {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER =
      HtmlRenderer.builder().extensions(EXTENSIONS).build();

  private final List<String> blocks = new ArrayList<>();

  /** Creates an empty document. */
  public ReportDoc() {}

  public ReportDoc heading(int level, String text) {
    blocks.add("#".repeat(level) + " " + text);
    return this;
  }

  public ReportDoc paragraph(String text) {
    blocks.add(text);
    return this;
  }

  public ReportDoc items(List<String> items) {
    StringBuilder md = new StringBuilder();
    for (String i : items) {
      md.append(md.length() == 0 ? "" : "\n").append("- ").append(i);
    }
    blocks.add(md.toString());
    return this;
  }

  public ReportDoc table(List<String> header, List<List<String>> rows) {
    StringBuilder md = new StringBuilder(row(header)).append('\n');
    md.append(row(header.stream().map(h -> "---").toList()));
    for (List<String> r : rows) {
      md.append('\n').append(row(r));
    }
    blocks.add(md.toString());
    return this;
  }

  public ReportDoc image(String path, String caption) {
    blocks.add("![" + caption + "](" + path + ")\n\n*" + caption + "*");
    return this;
  }

  /** Returns the Markdown text. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    blocks.forEach(b -> sb.append(b).append("\n\n"));
    return sb.toString();
  }

  /** Returns the HTML page: the Markdown rendered by commonmark-java inside a styled page. */
  public String html(String title) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:62em;margin:2em auto;padding:0 1em;")
        .append("line-height:1.45;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;")
        .append("padding:.25em .6em;text-align:right}th{background:#f0f0f0}\n")
        .append("img{max-width:100%}em{font-size:.9em;color:#555}\n")
        .append("code{background:#f4f4f4;padding:0 .2em}\n</style>\n</head>\n<body>\n");
    sb.append(RENDERER.render(PARSER.parse(markdown())));
    return sb.append("</body>\n</html>\n").toString();
  }

  private static String row(List<String> cells) {
    return "| "
        + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())
        + " |";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
