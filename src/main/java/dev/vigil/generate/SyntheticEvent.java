package dev.vigil.generate;

/**
 * One process start as the generator makes it, in the terms both output formats share (Sysmon EventID 1's
 * fields); the CIM line carries the same values under CIM names, so both formats index to the same events.
 */
record SyntheticEvent(long timeMillis, String dest, String user, String image, String commandLine, long processId,
                      String processGuid, String parentImage, String parentCommandLine, long parentProcessId,
                      String parentProcessGuid, String originalFileName, String hashes, String integrityLevel,
                      String currentDirectory) {

  /** The file name of {@code image}, as the data model derives {@code process_name} (SEMANTICS §3.2). */
  String processName() {
    return fileName(image);
  }

  String parentProcessName() {
    return fileName(parentImage);
  }

  private static String fileName(String path) {
    return path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
  }
}
