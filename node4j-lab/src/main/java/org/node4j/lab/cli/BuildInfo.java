package org.node4j.lab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The node4j version, read from the {@code pom.properties} that Maven puts into every jar, so the
 * version has one source of truth: the POM.
 */
public final class BuildInfo implements IVersionProvider {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/org.node4j/node4j-lab/pom.properties";

  /** Shown when running from compiled classes rather than a jar (tests, an IDE). */
  static final String DEVELOPMENT = "development build";

  /** Used by picocli for {@code --version}. */
  public BuildInfo() {}

  /**
   * Returns the version of node4j.
   *
   * @return the Maven version, such as {@code 0.1.0-SNAPSHOT}, or {@value #DEVELOPMENT} when not
   *     run from a jar
   */
  public static String version() {
    try (InputStream in = BuildInfo.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return DEVELOPMENT;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", DEVELOPMENT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM_PROPERTIES + " from the node4j jar", e);
    }
  }

  /**
   * The lines of {@code node4j --version}: node4j's version and the Java runtime it runs on.
   *
   * @return two lines
   */
  @Override
  public String[] getVersion() {
    return new String[] {
      "node4j " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
