package dev.vigil.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.store.EventSchema;
import dev.vigil.store.NdjsonLog;
import dev.vigil.store.LogIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An OpenSearch index kept in step with an NDJSON file of Vigil's (the risk events, the notables), which stays the
 * record: each object is a document under the value of its id field as {@code _id}, mapped as
 * {@link OpenSearchFields} says, every value a keyword (a list of values for an array), {@code _time} as
 * {@code time_ms} and the whole object as {@code raw_event}.
 *
 * <p>The index's mapping {@code _meta} records how far into the file it has read, as the Lucene risk index's commit
 * does. {@link #sync} writes the lines after that under the file's lock, refreshes, and only then moves the mark: a
 * crash in between writes those lines again under the same ids, which stores them once. A file that was replaced
 * (shorter than the mark) is read again from its start into the index made anew.
 */
public final class OpenSearchFileIndex implements LogIndex {
  private static final int BULK_DOCUMENTS = 1_000;
  private static final String READ_BYTES = "vigil_read_bytes";
  private static final String READ_LINES = "vigil_read_lines";

  private final OpenSearchCluster cluster;
  private final String index;
  private final NdjsonLog file;
  private final String idField;
  private final Consumer<String> warnings;
  private ObjectNode creation;

  /**
   * @param what     what the file holds, for messages ("risk events file")
   * @param idField  the field whose value is each object's id
   * @param warnings told about lines that are not indexed
   */
  public OpenSearchFileIndex(OpenSearchCluster cluster, String index, Path file, String what, String idField,
      Consumer<String> warnings) {
    this.cluster = cluster;
    this.index = index;
    // The store that appends to the file reads it too and reports its skipped lines: this reading stays quiet.
    this.file = new NdjsonLog(file, what, w -> { });
    this.idField = idField;
    this.warnings = warnings;
  }

  public String index() {
    return index;
  }

  /** Creates the index with Vigil's mapping unless it exists, then indexes what the file holds beyond it. */
  public OpenSearchFileIndex open(int shards, int replicas) throws IOException {
    creation = OpenSearchFields.indexBody(shards, replicas);
    if (!cluster.exists("/" + index)) {
      cluster.request("PUT", "/" + index, creation);
    }
    if (Files.isRegularFile(file.file())) {
      sync();
    }
    return this;
  }

  @Override
  public void sync() throws IOException {
    file.locked(this::catchUp);
  }

  private synchronized void catchUp() throws IOException {
    NdjsonLog.Position marked = mark();
    file.seek(marked);
    StringBuilder bulk = new StringBuilder();
    int[] pending = {0};
    try {
      file.read(new NdjsonLog.Lines() {
        @Override
        public void line(long number, JsonNode object) throws IOException {
          String id = object.path(idField).asText("");
          if (id.isEmpty()) {
            warnings.accept(file.file() + ":" + number + ": an object without " + idField + "; not indexed in " + index);
            return;
          }
          bulk.append("{\"index\":{\"_index\":").append(OpenSearchCluster.JSON.writeValueAsString(index))
              .append(",\"_id\":").append(OpenSearchCluster.JSON.writeValueAsString(id)).append("}}\n")
              .append(OpenSearchCluster.JSON.writeValueAsString(document(object))).append('\n');
          if (++pending[0] == BULK_DOCUMENTS) {
            write(bulk);
            pending[0] = 0;
          }
        }

        @Override
        public void restart() {
          try {
            bulk.setLength(0);
            pending[0] = 0;
            // Made again rather than emptied: _delete_by_query is a module a cluster may lack.
            cluster.request("DELETE", "/" + index, null);
            cluster.request("PUT", "/" + index, creation);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    write(bulk);
    NdjsonLog.Position read = file.position();
    if (!read.equals(marked)) {
      cluster.request("POST", "/" + index + "/_refresh", null);
      ObjectNode meta = OpenSearchCluster.JSON.createObjectNode();
      meta.putObject("_meta").put(READ_BYTES, read.bytes()).put(READ_LINES, read.lines());
      cluster.request("PUT", "/" + index + "/_mapping", meta);
    }
  }

  /** How far into the file the index has read. */
  private NdjsonLog.Position mark() throws IOException {
    JsonNode meta = cluster.request("GET", "/" + index + "/_mapping", null).path(index).path("mappings").path("_meta");
    return new NdjsonLog.Position(meta.path(READ_BYTES).asLong(0), meta.path(READ_LINES).asLong(0));
  }

  private void write(StringBuilder bulk) throws IOException {
    if (bulk.length() == 0) {
      return;
    }
    JsonNode response = cluster.request("POST", "/_bulk", bulk.toString());
    bulk.setLength(0);
    if (response.path("errors").asBoolean()) {
      for (JsonNode item : response.path("items")) {
        JsonNode error = item.path("index").path("error");
        if (!error.isMissingNode()) {
          throw new IOException("opensearch did not store " + item.path("index").path("_id").asText() + " of "
              + file.file() + " in " + index + ": " + error.path("reason").asText());
        }
      }
    }
  }

  private static ObjectNode document(JsonNode object) {
    ObjectNode doc = OpenSearchCluster.JSON.createObjectNode();
    doc.put(OpenSearchFields.TIME, Math.round(object.path("_time").asDouble() * 1000));
    doc.put(OpenSearchFields.RAW, object.toString());
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("_time")) {
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isArray()) {
        ArrayNode values = doc.putArray(OpenSearchFields.name(field.getKey()));
        value.forEach(each -> {
          if (each.isValueNode() && !each.isNull()) {
            values.add(EventSchema.kept(each.asText()));
          }
        });
      } else if (value.isValueNode() && !value.isNull()) {
        doc.put(OpenSearchFields.name(field.getKey()), EventSchema.kept(value.asText()));
      }
    }
    return doc;
  }

  @Override
  public long count() throws IOException {
    return cluster.search(index, "_count", null).path("count").asLong();
  }

  /** The cluster is the caller's to close. */
  @Override
  public void close() {}
}
