package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

/**
 * The bytes of an index by the part of Lucene's format that holds them, read from each file's extension,
 * looking inside compound files ({@code .cfs}) so that small segments count where they belong.
 */
final class IndexFootprint {
  /** Stored fields hold {@code _raw} (and two longs per event); postings the lower-cased terms; doc values the original values. */
  static final String STORED = "stored fields (_raw)";
  static final String POSTINGS = "postings (terms)";
  static final String DOC_VALUES = "doc values";
  static final String OTHER = "other (points, norms, segment info)";

  private IndexFootprint() {}

  /** Bytes per part of the latest commit of the Lucene index in {@code dir}. */
  static Map<String, Long> of(Path dir) throws IOException {
    Map<String, Long> parts = new TreeMap<>();
    try (Directory directory = FSDirectory.open(dir)) {
      SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
      for (SegmentCommitInfo segment : commit) {
        if (segment.info.getUseCompoundFile()) {
          try (Directory compound = segment.info.getCodec().compoundFormat()
              .getCompoundReader(directory, segment.info, IOContext.READONCE)) {
            add(parts, compound);
          }
          // The compound file's own entries table and the segment's .si stay outside it.
          for (String file : segment.files()) {
            if (!file.endsWith(".cfs")) {
              parts.merge(part(file), directory.fileLength(file), Long::sum);
            }
          }
        } else {
          for (String file : segment.files()) {
            parts.merge(part(file), directory.fileLength(file), Long::sum);
          }
        }
      }
      parts.merge(OTHER, directory.fileLength(commit.getSegmentsFileName()), Long::sum);
    }
    return parts;
  }

  private static void add(Map<String, Long> parts, Directory compound) throws IOException {
    for (String file : compound.listAll()) {
      parts.merge(part(file), compound.fileLength(file), Long::sum);
    }
  }

  static String part(String file) {
    String extension = file.substring(file.lastIndexOf('.') + 1);
    return switch (extension) {
      case "fdt", "fdx", "fdm" -> STORED;
      case "tim", "tip", "tmd", "doc", "pos", "pay", "psm" -> POSTINGS;
      case "dvd", "dvm" -> DOC_VALUES;
      default -> OTHER;
    };
  }
}
