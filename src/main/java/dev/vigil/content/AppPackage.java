package dev.vigil.content;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A packaged Splunk app ({@code .tgz}, {@code .tar.gz}, {@code .spl}: a gzipped tar of the app folder),
 * unpacked into a temporary folder that {@link #close()} removes. Entries that would land outside that folder
 * (absolute paths, {@code ..}) and links are refused.
 */
final class AppPackage implements AutoCloseable {
  private final Path archive;
  private final Path unpacked;

  private AppPackage(Path archive, Path unpacked) {
    this.archive = archive;
    this.unpacked = unpacked;
  }

  static boolean isPackage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tgz") || name.endsWith(".tar.gz") || name.endsWith(".spl");
  }

  static AppPackage unpack(Path archive) throws IOException {
    Path folder = Files.createTempDirectory("vigil-app-");
    AppPackage unpackedPackage = new AppPackage(archive, folder);
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)));
         TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = folder.resolve(entry.getName()).normalize();
        if (!target.startsWith(folder) || entry.getName().startsWith("/")) {
          throw new IOException("entry " + entry.getName() + " points outside the app");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      unpackedPackage.close();
      throw new IOException(archive + ": cannot unpack as a gzipped tar of a Splunk app: " + e.getMessage(), e);
    }
    return unpackedPackage;
  }

  /** The app folder: the package's root when it holds default/ or local/, else its one top-level folder. */
  Path appFolder() throws IOException {
    if (SplunkAppReader.isApp(unpacked)) {
      return unpacked;
    }
    try (Stream<Path> listing = Files.list(unpacked)) {
      List<Path> apps = listing.filter(Files::isDirectory).filter(SplunkAppReader::isApp).toList();
      if (apps.size() != 1) {
        throw new IOException(archive + ": holds " + apps.size() + " app folders (with default/ or local/); expected one");
      }
      return apps.get(0);
    }
  }

  /** A file of the unpacked app as {@code archive!/path/inside}. */
  String displayName(Path file) {
    return archive + "!/" + unpacked.relativize(file).toString().replace('\\', '/');
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> walk = Files.walk(unpacked)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
