"""Runs a command and prints its wall time and the peak memory of its
largest process (itself or any it started) as JSON; its output goes to
LOG. Usage: timed.py LOG COMMAND [ARG...]"""
import json
import resource
import subprocess
import sys
import time

log, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
with open(log, "w") as out:
    done = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT)
seconds = time.perf_counter() - start
if done.returncode != 0:
    sys.exit(f"{' '.join(command)} failed; its output is in {log}")
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": round(seconds, 2), "peak_mib": round(peak_kib / 1024, 1)}))
