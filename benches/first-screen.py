#!/usr/bin/env python3
"""Time to the first screen, in a real terminal: each command is started in a tmux pane
(120x40 by default) and timed from launch until the article's first words are on screen,
with its peak memory at that moment; `less` on the same file is measured the same way, in the
same run, and every command's median is printed with its ratio to less's.

    benches/first-screen.py FILE [--runs 15] [--size 120x40] [--wait TEXT]
                            [--command 'target/release/gloss {file}'] [--command ...]

FILE is the article; TEXT (default: the first words of FILE) is what must be on screen.
Without --command it measures `target/release/gloss {file}` (run with a throwaway HOME).
Needs tmux. Prints one line per command: median and range in ms, peak RSS in MB, ratio.
"""

import argparse
import os
import shlex
import statistics
import subprocess
import tempfile
import time


def first_words(path, count=4):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            words = line.split()
            if words:
                return " ".join(words[:count])
    raise SystemExit(f"{path}: no text")


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True)


def peak_rss_mb(pane_pid):
    """The largest peak RSS among the pane's processes (the command under its shell)."""
    best = 0
    pids = [pane_pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pane_pid)], capture_output=True, text=True)
        pids += [int(p) for p in children.stdout.split()]
    except OSError:
        pass
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        best = max(best, int(line.split()[1]))
        except OSError:
            pass
    return best / 1024


def measure(command, wait, size, home):
    width, height = size.split("x")
    session = f"first-screen-{os.getpid()}"
    tmux("kill-session", "-t", session)
    env = f"HOME={shlex.quote(home)} LESS= TERM=xterm-256color"
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", width, "-y", height, f"{env} exec {command}")
    pane_pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").stdout.strip() or 0)
    elapsed = None
    deadline = start + 30
    while time.perf_counter() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session).stdout
        if wait in " ".join(screen.split()):
            elapsed = time.perf_counter() - start
            break
    rss = peak_rss_mb(pane_pid) if pane_pid else 0
    tmux("kill-session", "-t", session)
    if elapsed is None:
        raise SystemExit(f"{command}: {wait!r} never appeared within 30 s")
    return elapsed * 1000, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--wait")
    parser.add_argument("--command", action="append")
    args = parser.parse_args()
    path = os.path.abspath(args.file)
    wait = args.wait or first_words(path)
    commands = args.command or ["target/release/gloss {file}"]
    commands = ["less {file}"] + commands
    results = {}
    with tempfile.TemporaryDirectory() as home:
        # Runs interleave the commands, so that a change in the machine's load is shared.
        for _ in range(args.runs):
            for template in commands:
                command = template.replace("{file}", shlex.quote(path))
                results.setdefault(template, []).append(measure(command, wait, args.size, home))
    floor = statistics.median(t for t, _ in results["less {file}"])
    print(f"{os.path.basename(path)}: {os.path.getsize(path):,} bytes, {args.runs} runs, {args.size}")
    for template, runs in results.items():
        times = [t for t, _ in runs]
        rss = max(r for _, r in runs)
        median = statistics.median(times)
        print(
            f"  {template:<40} median {median:7.1f} ms (range {min(times):.1f}-{max(times):.1f}),"
            f" peak {rss:5.1f} MB, {median / floor:5.2f}x less"
        )


if __name__ == "__main__":
    main()
