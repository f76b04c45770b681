package org.node4j.lab.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.node4j.nn.io.AtomicFiles;

/**
 * One Jackson configuration for every JSON that node4j writes (CLI output, run summaries, reports),
 * so that files and stdout look alike.
 */
public final class Json {
  private static final ObjectMapper MAPPER = newMapper();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /**
   * A new mapper with node4j's settings, for reading or for further configuration by the caller.
   * Writers never close the stream they are given (stdout stays open).
   *
   * @return a fresh, independently configurable mapper
   */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * The shared, immutable pretty-printing writer.
   *
   * @return a thread-safe writer
   */
  public static ObjectWriter prettyWriter() {
    return PRETTY;
  }

  /**
   * Writes {@code value} as pretty JSON and a final newline to {@code target} atomically (see
   * {@link AtomicFiles}).
   *
   * @param target the file to write
   * @param value a record, list, map or scalar
   * @throws IOException if serialising or writing fails; no partial file is left behind
   */
  public static void writeFile(Path target, Object value) throws IOException {
    AtomicFiles.write(
        target,
        out -> {
          PRETTY.writeValue(out, value);
          out.write('\n');
        });
  }
}
