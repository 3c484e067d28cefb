"""What a running server holds in memory, from /proc/<pid>/status (Linux), in bytes."""
from __future__ import annotations

import re

KB = 1024


def status_bytes(pid: int, field: str) -> int:
    """VmRSS (resident now) or VmHWM (the most ever resident) of a process."""
    text = open(f"/proc/{pid}/status").read()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1)) * KB
