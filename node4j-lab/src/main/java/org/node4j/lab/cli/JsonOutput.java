package org.node4j.lab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.node4j.lab.io.Json;

/**
 * Prints a command's result as pretty JSON, so that {@code ./node4j COMMAND --json | jq} works: the
 * document alone on stdout, ending in a newline. Records serialise with their components in
 * declaration order.
 */
public final class JsonOutput {
  private JsonOutput() {}

  /**
   * Prints {@code value} as one pretty-printed JSON document followed by a newline, and flushes.
   *
   * @param out the command's stdout, {@code spec.commandLine().getOut()}
   * @param value a record, list, map or scalar
   */
  public static void print(PrintWriter out, Object value) {
    try {
      out.println(Json.prettyWriter().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot serialise " + value.getClass().getName(), e);
    }
  }
}
