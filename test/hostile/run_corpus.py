#!/usr/bin/python3
"""Runs eecc on every case of a corpus written by make_corpus.py and checks the contract.

usage: run_corpus.py CORPUS WORKDIR [--eecc PATH] [NAME ...]

For each case (or the NAMEs given), in a fresh empty working directory WORKDIR/NAME/cwd
(with HOME and TMPDIR fresh empty directories beside it):
  eecc CORPUS/FILE ARGS -o out
and checks
  - the exit code is the case's (a signal is never right);
  - stderr contains the expected substring, and the case's file name if eecc failed or
    printed anything;
  - on failure, 'out' does not exist; on success, 'out' holds eecc's marker file;
  - nothing else appeared in the working directory, HOME or TMPDIR, and nothing in the
    corpus changed.
Cases marked "crash" in the manifest are expected failures: XFAIL while they fail,
XPASS (counted as a failure, so the mark gets removed) once they pass.
Prints one line per case, then 'N cases, F failures'; exits 1 if F > 0.
"""
import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys

TIMEOUT = 120


def snapshot(root):
    """Every entry under root (links not followed) with its type, size and mtime."""
    state = {}
    for directory, subdirectories, files in os.walk(root):
        for name in subdirectories + files:
            path = os.path.join(directory, name)
            info = os.lstat(path)
            state[os.path.relpath(path, root)] = (info.st_mode, info.st_size, info.st_mtime_ns)
    return state


def no_core_dumps():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def describe(code):
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit {code}"


def run_case(entry, corpus, work, eecc):
    """Returns the list of problems (empty when the case behaves as the manifest says)."""
    root = os.path.join(work, entry["name"])
    if os.path.lexists(root):
        shutil.rmtree(root)
    cwd, home, tmp = (os.path.join(root, name) for name in ("cwd", "home", "tmp"))
    for directory in (cwd, home, tmp):
        os.makedirs(directory)
    model = os.path.join(corpus, entry["file"])
    args = [arg.replace("{corpus}", corpus) for arg in entry["args"]]
    command = [eecc, model] + args + ["-o", "out"]
    env = dict(os.environ, HOME=home, TMPDIR=tmp, TMP=tmp, TEMP=tmp)
    before = snapshot(corpus)
    problems = []
    try:
        result = subprocess.run(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                capture_output=True, timeout=TIMEOUT, preexec_fn=no_core_dumps)
        code, stderr = result.returncode, result.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return [f"timed out after {TIMEOUT} s"], ""

    if code != entry["exit"]:
        problems.append(f"{describe(code)}, expected exit {entry['exit']}")
    if "Stack dump" in stderr or "PLEASE submit a bug report" in stderr:
        problems.append("crash report on stderr")
    if entry["expect"] not in stderr:
        problems.append(f"stderr lacks {entry['expect']!r}")
    if (code != 0 or stderr.strip()) and os.path.basename(entry["file"]) not in stderr:
        problems.append(f"stderr does not name {os.path.basename(entry['file'])}")
    out = os.path.join(cwd, "out")
    if code != 0 and os.path.lexists(out):
        problems.append("a failed compile left an output directory")
    if code == 0 and not os.path.isfile(os.path.join(out, ".eecc-output")):
        problems.append("a successful compile left no output directory")
    stray = sorted(name for name in os.listdir(cwd) if name != "out")
    stray += [f"$HOME/{name}" for name in sorted(os.listdir(home))]
    stray += [f"$TMPDIR/{name}" for name in sorted(os.listdir(tmp))]
    if stray:
        problems.append(f"files written outside -o: {', '.join(stray)}")
    after = snapshot(corpus)
    changed = sorted(set(before.items()) ^ set(after.items()))
    if changed:
        problems.append(f"the corpus changed: {', '.join(sorted({path for path, _ in changed}))}")
    if not problems:
        shutil.rmtree(root)
    return problems, stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("work")
    parser.add_argument("--eecc", default=shutil.which("eecc") or "eecc")
    parser.add_argument("names", nargs="*")
    options = parser.parse_intermixed_args()
    corpus = os.path.abspath(options.corpus)
    work = os.path.abspath(options.work)
    eecc = os.path.abspath(options.eecc) if os.sep in options.eecc else options.eecc
    with open(os.path.join(corpus, "cases.json")) as f:
        cases = json.load(f)
    if options.names:
        unknown = set(options.names) - {entry["name"] for entry in cases}
        if unknown:
            sys.exit(f"run_corpus.py: no such case: {', '.join(sorted(unknown))}")
        cases = [entry for entry in cases if entry["name"] in options.names]
    os.makedirs(work, exist_ok=True)

    failures = expected_failures = findings = 0
    for entry in cases:
        problems, stderr = run_case(entry, corpus, work, eecc)
        first_line = stderr.strip().splitlines()[0] if stderr.strip() else "(no output)"
        if "crash" in entry:
            if problems:
                expected_failures += 1
                print(f"XFAIL {entry['name']}: {'; '.join(problems)} [known crash: {entry['crash']}]")
            else:
                failures += 1
                print(f"XPASS {entry['name']}: it no longer crashes; remove its 'crash' mark")
            continue
        if problems:
            failures += 1
            print(f"FAIL  {entry['name']}: {'; '.join(problems)}")
            for line in stderr.strip().splitlines()[:5]:
                print(f"      | {line}")
            continue
        status = f"exit {entry['exit']}"
        if "finding" in entry:
            findings += 1
            print(f"PASS  {entry['name']} ({status}; FINDING: {entry['finding']}): {first_line}")
        else:
            print(f"PASS  {entry['name']} ({status}): {first_line}")

    print(f"{len(cases)} cases, {failures} failures "
          f"({expected_failures} expected failures: known crashes; {findings} findings)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
