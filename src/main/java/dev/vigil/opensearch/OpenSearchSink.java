package dev.vigil.opensearch;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.ingest.ProcessEvent;
import dev.vigil.store.AtomicFiles;
import dev.vigil.store.EventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Events into an OpenSearch index with their commit data in a local file, for the spool of {@code vigil start}: a
 * commit sends the events and refreshes, and only then writes the data (atomically, fsynced). A crash in between
 * leaves the data behind the events, so the next pass reads those lines again, and their ids store nothing twice.
 */
public final class OpenSearchSink implements EventSink {
  private final OpenSearchBulk bulk;
  private final Path dataFile;
  private final UnaryOperator<ProcessEvent> enrichment;

  /**
   * @param dataFile   where the commit data is kept
   * @param enrichment what each event is stored as (its asset fields), as the Lucene writer enriches it
   */
  public OpenSearchSink(OpenSearchEvents events, Path dataFile, UnaryOperator<ProcessEvent> enrichment) {
    this.bulk = new OpenSearchBulk(events);
    this.dataFile = dataFile;
    this.enrichment = enrichment;
  }

  @Override
  public Map<String, String> commitData() throws IOException {
    return commitData(dataFile);
  }

  /** The commit data kept in {@code dataFile}, for a reader that writes nothing ({@code vigil status}). */
  public static Map<String, String> commitData(Path dataFile) throws IOException {
    if (!Files.exists(dataFile)) {
      return new TreeMap<>();
    }
    try {
      return OpenSearchCluster.JSON.readValue(dataFile.toFile(), new TypeReference<TreeMap<String, String>>() { });
    } catch (IOException e) {
      throw new IOException(dataFile + ": not the spool's progress as Vigil writes it: " + e.getMessage(), e);
    }
  }

  @Override
  public void add(ProcessEvent event) {
    bulk.add(enrichment.apply(event));
  }

  @Override
  public long commit(Map<String, String> data) throws IOException {
    long fresh = bulk.commit();
    AtomicFiles.write(dataFile, OpenSearchCluster.JSON.writeValueAsBytes(new TreeMap<>(data)));
    return fresh;
  }
}
