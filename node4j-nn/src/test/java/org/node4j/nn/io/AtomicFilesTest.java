package org.node4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void createsFileAndMissingParents() throws IOException {
    Path target = dir.resolve("a/b/result.txt");

    AtomicFiles.writeString(target, "héllo");

    assertThat(target).hasContent("héllo");
    assertThat(listing(target.getParent())).containsExactly("result.txt");
  }

  @Test
  void replacesExistingContentWhole() throws IOException {
    Path target = dir.resolve("metrics.csv");
    AtomicFiles.writeString(target, "a long first version of the file\n".repeat(100));

    AtomicFiles.writeString(target, "short\n");

    assertThat(target).hasContent("short");
    assertThat(listing(dir)).containsExactly("metrics.csv");
  }

  @Test
  void targetKeepsOldContentWhileNewContentIsBeingWritten() throws IOException {
    Path target = dir.resolve("checkpoint.bin");
    AtomicFiles.writeBytes(target, new byte[] {1, 2, 3});

    AtomicFiles.write(
        target,
        out -> {
          out.write(new byte[] {9, 9, 9, 9});
          out.flush();
          assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
          assertThat(listing(dir)).hasSize(2).contains("checkpoint.bin");
        });

    assertThat(Files.readAllBytes(target)).containsExactly(9, 9, 9, 9);
  }

  @Test
  void ioFailureMidwayLeavesNoFileBehind() {
    Path target = dir.resolve("new.bin");

    assertThatThrownBy(() -> AtomicFiles.write(target, AtomicFilesTest::writeHalfThenFail))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");

    assertThat(target).doesNotExist();
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void runtimeFailureMidwayKeepsPreviousVersionIntact() throws IOException {
    Path target = dir.resolve("model.json");
    AtomicFiles.writeString(target, "{\"version\":1}");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("{\"version\":2, \"weights\":[".getBytes(StandardCharsets.UTF_8));
                      throw new IllegalStateException("NaN in weights");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(target).hasContent("{\"version\":1}");
    assertThat(listing(dir)).containsExactly("model.json");
  }

  @Test
  void writerClosingTheStreamDoesNotBreakTheWrite() throws IOException {
    Path target = dir.resolve("closed.txt");

    AtomicFiles.write(
        target,
        out -> {
          out.write('x');
          out.close();
        });

    assertThat(target).hasContent("x");
  }

  @Test
  void rejectsADirectoryAsTarget() {
    assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("directory");
  }

  private static void writeHalfThenFail(java.io.OutputStream out) throws IOException {
    out.write(new byte[4096]);
    throw new IOException("disk full");
  }

  private static List<String> listing(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void writtenFilesAreReadableByOthersNotOwnerOnly(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("report.md");
    AtomicFiles.writeString(file, "# report");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
  }
}
