"""Run the real CLI as a process and watch its worker processes: the peak resident size of each (VmHWM) and
the CPU time they used, read from /proc every 20 ms while the run lasts — for the tests and the benchmark of
the OCR budget."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    worker_peak: int      # bytes: the largest peak resident size among the CLI's descendants (0: none seen)
    cli_peak: int         # bytes: the CLI process's own
    worker_cpu: float     # seconds of CPU the descendants used (as last seen, up to 20 ms before each ended)


def run_cli(*args, timeout: float = 600) -> Run:
    """`python -m linter ARGS` from the repository root, its workers watched until it ends."""
    argv = [sys.executable, "-m", "linter", *map(str, args)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.monotonic()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: dict[str, str] = {}
    readers = [threading.Thread(target=lambda k=k, s=s: out.__setitem__(k, s.read()))
               for k, s in (("stdout", proc.stdout), ("stderr", proc.stderr))]
    for reader in readers:
        reader.start()
    workers: dict[int, int] = {}
    cpu: dict[int, float] = {}
    cli = 0
    while proc.poll() is None:
        if time.monotonic() - start > timeout:
            proc.kill()
            break
        cli = max(cli, peak_bytes(proc.pid))
        for pid in descendants(proc.pid):
            workers[pid] = max(workers.get(pid, 0), peak_bytes(pid))
            cpu[pid] = max(cpu.get(pid, 0.0), cpu_seconds(pid))
        time.sleep(0.02)
    proc.wait()
    for reader in readers:
        reader.join()
    return Run(proc.returncode, out.get("stdout", ""), out.get("stderr", ""), time.monotonic() - start,
               max(workers.values(), default=0), cli, sum(cpu.values()))


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name ([0] is the state); [] once it has ended."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if len(fields) > 12 else 0.0


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (children, their children, …)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        fields = _stat(int(entry)) if entry.isdigit() else []
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def peak_bytes(pid: int) -> int:
    """The peak resident size of a process so far (VmHWM), in bytes; 0 once it has ended."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            return next((int(line.split()[1]) * 1024 for line in fh if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0
