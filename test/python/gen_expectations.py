#!/usr/bin/env python3
"""Runs every snippet in test/python/cases/*.py with the local CPython (3.11) and writes
test/python/expectations.json: what each snippet prints and the exception it ends with (type,
message, line). The interpreter tests compare nnlens against this file; they never need Python.

Case files hold many cases: a line `# === name` starts a case; inside a case, `# --- file: path`
lines split it into several files of a small workspace (the default file is main.py, which runs).
A line `# nnlens: <directive>` is kept for the test (see interpreter.test.ts) and ignored here.

Usage: python3 test/python/gen_expectations.py
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = r'''
import json, os, runpy, sys, traceback
main = sys.argv[1]
root = os.path.dirname(main)
os.chdir(root)
sys.path.insert(0, root)
err = None
try:
    runpy.run_path(main, run_name="__main__")
except BaseException as e:
    frames = [f for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename).startswith(root)]
    last = frames[-1] if frames else None
    err = {"type": type(e).__name__, "message": str(e),
           "line": last.lineno if last else None,
           "file": os.path.relpath(last.filename, root) if last else None}
sys.stdout.flush()
sys.stderr.write("\n@@NNLENS@@" + json.dumps(err))
'''


def split_cases(path):
    cases = []
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# === "):
                current = {"name": line[6:].strip(), "lines": []}
                cases.append(current)
            elif current is not None:
                current["lines"].append(line)
    out = []
    for c in cases:
        files = {}
        name = "main.py"
        directives = []
        for line in c["lines"]:
            if line.startswith("# --- file: "):
                name = line[len("# --- file: "):].strip()
                files.setdefault(name, "")
                continue
            if line.startswith("# nnlens: "):
                directives.append(line[len("# nnlens: "):].strip())
                continue
            files[name] = files.get(name, "") + line
        out.append({"name": c["name"], "files": files, "directives": directives})
    return out


def run_case(case):
    with tempfile.TemporaryDirectory() as tmp:
        for rel, text in case["files"].items():
            p = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8") as f:
                f.write(text)
        runner = os.path.join(tmp, "_runner_.py")
        with open(runner, "w") as f:
            f.write(RUNNER)
        env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
        # -S: no site-packages, so numpy & co. are missing as they are in nnlens.
        r = subprocess.run([sys.executable, "-S", "-X", "utf8", runner, os.path.join(tmp, "main.py")],
                           capture_output=True, text=True, timeout=60, env=env)
        stderr = r.stderr
        marker = stderr.rfind("@@NNLENS@@")
        if marker < 0:
            raise RuntimeError(f"case {case['name']} crashed the runner:\n{stderr}")
        error = json.loads(stderr[marker + len("@@NNLENS@@"):])
        # Paths in messages refer to the temporary workspace; nnlens runs the same files under /ws.
        if error:
            error["message"] = error["message"].replace(os.path.realpath(tmp), "/ws").replace(tmp, "/ws")
        return r.stdout.replace(os.path.realpath(tmp), "/ws").replace(tmp, "/ws"), error


def main():
    if sys.version_info[:2] != (3, 11):
        print(f"warning: expectations are meant to come from CPython 3.11, this is {sys.version.split()[0]}", file=sys.stderr)
    results = []
    for name in sorted(os.listdir(os.path.join(HERE, "cases"))):
        if not name.endswith(".py"):
            continue
        for case in split_cases(os.path.join(HERE, "cases", name)):
            stdout, error = run_case(case)
            results.append({
                "group": name[:-3], "name": case["name"], "files": case["files"], "directives": case["directives"],
                "stdout": stdout, "error": error,
            })
    out = os.path.join(HERE, "expectations.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "cases": results}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(results)} cases to {os.path.relpath(out)}")


if __name__ == "__main__":
    main()
