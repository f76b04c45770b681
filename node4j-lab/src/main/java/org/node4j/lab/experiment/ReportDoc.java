package org.node4j.lab.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document of headings, paragraphs, lists, tables and images, rendered both as Markdown and
 * as a self-contained HTML page (inline style; images referenced relatively, next to the page).
 * Text is plain: HTML special characters are escaped; {@code `code`} and {@code **bold**} spans are
 * kept in both renderings.
 */
public final class ReportDoc {
  private final List<Block> blocks = new ArrayList<>();

  /** One block, which renders itself both ways. */
  private interface Block {
    String markdown();

    String html();
  }

  public ReportDoc heading(int level, String text) {
    blocks.add(
        block(
            "#".repeat(level) + " " + text,
            "<h" + level + ">" + inline(text) + "</h" + level + ">"));
    return this;
  }

  public ReportDoc paragraph(String text) {
    blocks.add(block(text, "<p>" + inline(text) + "</p>"));
    return this;
  }

  public ReportDoc items(List<String> items) {
    StringBuilder md = new StringBuilder();
    StringBuilder html = new StringBuilder("<ul>\n");
    for (String i : items) {
      md.append(md.length() == 0 ? "" : "\n").append("- ").append(i);
      html.append("<li>").append(inline(i)).append("</li>\n");
    }
    blocks.add(block(md.toString(), html.append("</ul>").toString()));
    return this;
  }

  public ReportDoc table(List<String> header, List<List<String>> rows) {
    StringBuilder md = new StringBuilder(row(header)).append('\n');
    md.append(row(header.stream().map(h -> "---").toList()));
    StringBuilder html = new StringBuilder("<table>\n<tr>");
    header.forEach(c -> html.append("<th>").append(inline(c)).append("</th>"));
    html.append("</tr>\n");
    for (List<String> r : rows) {
      md.append('\n').append(row(r));
      html.append("<tr>");
      r.forEach(c -> html.append("<td>").append(inline(c)).append("</td>"));
      html.append("</tr>\n");
    }
    blocks.add(block(md.toString(), html.append("</table>").toString()));
    return this;
  }

  public ReportDoc image(String path, String caption) {
    blocks.add(
        block(
            "![" + caption + "](" + path + ")\n\n*" + caption + "*",
            "<figure><img src=\""
                + escape(path)
                + "\" alt=\""
                + escape(caption)
                + "\"><figcaption>"
                + inline(caption)
                + "</figcaption></figure>"));
    return this;
  }

  private static Block block(String markdown, String html) {
    return new Block() {
      @Override
      public String markdown() {
        return markdown;
      }

      @Override
      public String html() {
        return html;
      }
    };
  }

  /** Returns the Markdown text. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    blocks.forEach(b -> sb.append(b.markdown()).append("\n\n"));
    return sb.toString();
  }

  /** Returns the HTML page. */
  public String html(String title) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;max-width:62em;margin:2em auto;padding:0 1em;")
        .append("line-height:1.45;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;")
        .append("padding:.25em .6em;text-align:right}th{background:#f0f0f0}\n")
        .append("figure{margin:1.5em 0}img{max-width:100%}figcaption{font-size:.9em;color:#555}\n")
        .append("code{background:#f4f4f4;padding:0 .2em}\n</style>\n</head>\n<body>\n");
    blocks.forEach(b -> sb.append(b.html()).append('\n'));
    return sb.append("</body>\n</html>\n").toString();
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |";
  }

  /** Escapes HTML, then turns {@code `code`} and {@code **bold**} into tags. */
  private static String inline(String text) {
    return escape(text)
        .replaceAll("`([^`]*)`", "<code>$1</code>")
        .replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
