#!/usr/bin/python3
"""Checks that every DATAFLOW region of generated HLS C++ is canonical (Vitis HLS UG1399)
and that its decision tokens are written and read once per sample (issue #19).

usage: check_dataflow.py eecc_top.cpp...

For each function holding `EECC_PRAGMA(HLS DATAFLOW)`:
  - its body declares only channels (EECC_CHANNEL arrays, eecc_hls::abort_stream), never a
    static variable, and otherwise only calls tasks;
  - every channel is an argument of exactly two task calls (one producer, one consumer),
    every parameter of the region of exactly one;
  - no file-scope array that is not const is used by two of its tasks (nor by the functions
    they call);
  - per abort stream: the producer task writes it once, unconditionally (one `.write(` as
    a statement of the task's body), and the consumer task polls it only through
    abort_poll before returning early and ends with abort_drain (so a token that arrives
    after the stage's last poll is still read: none is left for the next sample).
Prints one line per file ("FILE: N DATAFLOW region(s), canonical") or the problems, and
exits 1 if there is any.
"""
import re
import sys

FUNCTION = re.compile(r"^(?:static\s+)?(?:inline\s+)?[\w:<>, ]+?\b(\w+)\(([^)]*)\)\s*\{\s*$")
CALL = re.compile(r"^\s+([\w:]+(?:<[^;]*?>)?)\((.*)\);(?:\s*//.*)?$")
GLOBAL_ARRAY = re.compile(r"^static\s+(?!const\b)[\w:<>, ]+?\b(\w+)\[")
IDENTIFIER = re.compile(r"\b[A-Za-z_]\w*\b")


def functions(lines):
    """name -> (parameter text, body lines) of every file-scope function definition."""
    result, index = {}, 0
    while index < len(lines):
        match = FUNCTION.match(lines[index])
        if not match:
            index += 1
            continue
        body, index = [], index + 1
        while index < len(lines) and lines[index] != "}":
            body.append(lines[index])
            index += 1
        result[match.group(1)] = (match.group(2), body)
        index += 1
    return result


def split_arguments(text):
    arguments, depth, current = [], 0, ""
    for c in text:
        if c in "<([":
            depth += 1
        elif c in ">)]":
            depth -= 1
        if c == "," and depth == 0:
            arguments.append(current.strip())
            current = ""
        else:
            current += c
    if current.strip():
        arguments.append(current.strip())
    return arguments


def parameter_names(text):
    names = []
    for parameter in split_arguments(text):
        match = re.search(r"(\w+)\s*(?:\[[^\]]*\])?\s*$", parameter)
        if match:
            names.append(match.group(1))
    return names


def used_identifiers(name, table, seen=None):
    """Identifiers in `name`'s body and in the file-scope functions it calls."""
    seen = set() if seen is None else seen
    if name in seen or name not in table:
        return set()
    seen.add(name)
    found = set()
    for line in table[name][1]:
        for identifier in IDENTIFIER.findall(line):
            found.add(identifier)
            if identifier in table:
                found |= used_identifiers(identifier, table, seen)
    return found


def check_region(name, params, body, table, global_arrays):
    problems = []
    channels, streams, calls = [], [], []
    for line in body:
        stripped = line.strip()
        if not stripped or stripped.startswith(("EECC_PRAGMA", "//")):
            continue
        if stripped.startswith("static "):
            problems.append(f"{name}: static variable in the DATAFLOW region: {stripped}")
        elif stripped.startswith("EECC_CHANNEL "):
            channels += re.findall(r"(\w+)\[", stripped)
        elif stripped.startswith("eecc_hls::abort_stream "):
            streams.append(stripped.split()[1].rstrip(";"))
        elif CALL.match(line):
            callee, arguments = CALL.match(line).groups()
            calls.append((callee, split_arguments(arguments)))
        else:
            problems.append(f"{name}: neither a channel nor a task call: {stripped}")
    uses = {}
    for position, (callee, arguments) in enumerate(calls):
        for argument in arguments:
            for identifier in IDENTIFIER.findall(argument):
                uses.setdefault(identifier, []).append(position)
    for channel in channels + streams:
        if len(uses.get(channel, [])) != 2:
            problems.append(f"{name}: channel '{channel}' is used by {len(uses.get(channel, []))} "
                            f"task(s), not 2 (one producer, one consumer)")
    for parameter in parameter_names(params):
        if len(uses.get(parameter, [])) != 1:
            problems.append(f"{name}: parameter '{parameter}' is used by "
                            f"{len(uses.get(parameter, []))} task(s), not 1")
    tasks = [callee for callee, _ in calls if callee in table]
    for array in global_arrays:
        users = [task for task in tasks if array in used_identifiers(task, table)]
        if len(users) > 1:
            problems.append(f"{name}: global array '{array}' is used by tasks {', '.join(users)}")
    for stream in streams:
        writers, readers = [], []
        for callee, arguments in calls:
            if callee not in table or stream not in arguments:
                continue
            local = parameter_names(table[callee][0])[arguments.index(stream)]
            task_body = table[callee][1]
            writes = [line for line in task_body if f"{local}.write(" in line]
            (writers if writes else readers).append((callee, local, task_body, writes))
        if len(writers) != 1 or len(readers) != 1:
            problems.append(f"{name}: abort stream '{stream}' has {len(writers)} writer(s) and "
                            f"{len(readers)} reader(s), not one each")
            continue
        callee, local, task_body, writes = writers[0]
        if len(writes) != 1 or not writes[0].startswith(f"  {local}.write("):
            problems.append(f"{name}: {callee} does not write '{local}' exactly once, "
                            f"unconditionally")
        callee, local, task_body, _ = readers[0]
        statements = [line for line in task_body if line.strip()]
        if not statements or not statements[-1].strip().startswith(
                f"eecc_hls::abort_drain({local},"):
            problems.append(f"{name}: {callee} does not end by draining '{local}' (a token "
                            f"that comes after its last poll would be left for the next sample)")
        for index, line in enumerate(statements):
            if line.strip() == "return;" and (index == 0 or f"eecc_hls::abort_poll({local}," not in
                                              statements[index - 1]):
                problems.append(f"{name}: {callee} returns early without having read the token")
            if f"{local}." in line:
                problems.append(f"{name}: {callee} reads '{local}' outside abort_poll/abort_drain")
    return problems


def main():
    failures = 0
    for path in sys.argv[1:]:
        with open(path) as f:
            lines = f.read().splitlines()
        table = functions(lines)
        global_arrays = [m.group(1) for m in map(GLOBAL_ARRAY.match, lines) if m]
        regions, problems = 0, []
        for name, (params, body) in table.items():
            if any(line.strip() == "EECC_PRAGMA(HLS DATAFLOW)" for line in body):
                regions += 1
                problems += check_region(name, params, body, table, global_arrays)
        if problems:
            failures += 1
            for problem in problems:
                print(f"{path}: {problem}")
        else:
            print(f"{path}: {regions} DATAFLOW region(s), canonical")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
