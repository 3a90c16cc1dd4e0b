#!/usr/bin/env python3
"""Counts test cases in a meson test log and prints `N passed, N failed`.

A GLib test binary speaks TAP, so each of its cases counts; a binary that
crashed or timed out counts as at least one failure even if its TAP output
stopped early. A test without TAP output counts as one case.
Exits non-zero when anything failed or nothing ran.
"""

import json
import re
import sys

TAP_RESULT = re.compile(r"^(not )?ok\b(.*)$")

passed = failed = skipped = 0
failed_names = []

with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        line = line.strip()
        if not line:
            continue
        record = json.loads(line)
        result = record.get("result", "")
        name = record.get("name", "?")
        stdout = record.get("stdout") or ""
        tap_pass = tap_fail = tap_skip = 0
        for out_line in stdout.splitlines():
            match = TAP_RESULT.match(out_line.strip())
            if not match:
                continue
            if match.group(1):
                tap_fail += 1
            elif "# SKIP" in match.group(2).upper():
                tap_skip += 1
            else:
                tap_pass += 1
        binary_failed = result in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS")
        if tap_pass + tap_fail + tap_skip == 0:
            if binary_failed:
                failed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                passed += 1
        else:
            passed += tap_pass
            skipped += tap_skip
            failed += tap_fail
            if binary_failed and tap_fail == 0:
                failed += 1
        if binary_failed:
            failed_names.append(name)

for name in failed_names:
    print(f"failed: {name}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
