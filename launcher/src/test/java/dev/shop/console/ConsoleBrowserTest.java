package dev.shop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How ConsoleBrowser finds Chromium and chromedriver, and what it says when they are missing. */
class ConsoleBrowserTest {

  @Test
  void aBrowserMissingFailsWithTheInstallCommands(@TempDir Path empty) {
    assertThatThrownBy(() -> ConsoleBrowser.locate("Chromium", List.of("chromium"),
        List.of(empty.resolve("chromium").toString()), empty.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sudo apt-get install chromium chromium-driver")
        .hasMessageContaining("brew install --cask chromium chromedriver");
  }

  @Test
  void thePathComesFirstThenTheUsualPlaces(@TempDir Path dir) throws IOException {
    Path onPath = Files.createDirectories(dir.resolve("bin")).resolve("chromium");
    Path usual = dir.resolve("usual-chromium");
    for (Path executable : List.of(onPath, usual)) {
      Files.createFile(executable, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    assertThat(ConsoleBrowser.locate("Chromium", List.of("chromium"), List.of(usual.toString()), onPath.getParent()
        .toString())).isEqualTo(onPath);
    assertThat(ConsoleBrowser.locate("Chromium", List.of("chromium"), List.of(usual.toString()), dir.resolve("none")
        .toString())).isEqualTo(usual);
  }
}
