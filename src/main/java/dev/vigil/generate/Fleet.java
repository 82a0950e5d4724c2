package dev.vigil.generate;

import java.util.ArrayList;
import java.util.List;

/** The machines and accounts events come from: about 2,000 hosts and 5,000 users. */
final class Fleet {
  static final int WORKSTATIONS = 1_800;
  static final int SERVERS = 200;
  static final int USERS = 5_000;

  private final List<String> hosts = new ArrayList<>();
  private final List<String> users = new ArrayList<>();

  Fleet() {
    for (int i = 1; i <= WORKSTATIONS; i++) {
      hosts.add(String.format("WKS-%04d.corp.example.com", i));
    }
    for (int i = 1; i <= SERVERS; i++) {
      hosts.add(String.format("SRV-%03d.corp.example.com", i));
    }
    for (int i = 1; i <= USERS; i++) {
      users.add(String.format("CORP\\user%04d", i));
    }
  }

  String host(Randoms random) {
    return random.pick(hosts);
  }

  String user(Randoms random) {
    return random.pick(users);
  }

  /** The user's profile folder, as Windows names it. */
  static String profile(String user) {
    return "C:\\Users\\" + user.substring(user.indexOf('\\') + 1);
  }
}
