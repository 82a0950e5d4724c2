#!/usr/bin/env python3
"""Synthetic CIM NDJSON process events for rough timings: python3 docs/bench/cim_events.py 200000 > events.ndjson"""
import json
import random
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
random.seed(7)
names = ["svchost.exe", "cmd.exe", "powershell.exe", "chrome.exe", "appcmd.exe", "notepad.exe", "certutil.exe",
         "rundll32.exe", "conhost.exe", "w3wp.exe"]
parents = ["explorer.exe", "services.exe", "cmd.exe", "msiexec.exe", "w3wp.exe", "iissetup.exe"]
arguments = ["/c whoami", "install module /name:M{m} /image:x{i}.dll", "-k netsvcs", "list site", "--headless foo",
             "-exportPFX a.pfx", ""]
base = 1715760000  # 2024-05-15T08:00:00Z
for i in range(count):
    name = random.choice(names)
    command = "C:\\Windows\\System32\\" + name + " " + random.choice(arguments).format(m=i % 50, i=i) + " %d" % i
    print(json.dumps({"_time": base + i * 0.3, "dest": "host%03d" % (i % 500), "user": "user%02d" % (i % 40),
                      "process_name": name, "process": command, "parent_process_name": random.choice(parents),
                      "process_id": str(1000 + i % 30000), "parent_process_id": str(500 + i % 700)}))
