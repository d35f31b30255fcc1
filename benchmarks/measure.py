"""What the benchmarks share: reading a process's memory the same way everywhere."""

from __future__ import annotations


def rss_mb() -> float:
    """Resident memory now, in MB (Linux /proc; elsewhere the peak, which is what there is)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
