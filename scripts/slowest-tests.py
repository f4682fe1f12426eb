#!/usr/bin/env python3
"""Prints where the suite's time goes: the test classes with the largest summed duration, from a trx results file.
Usage: scripts/slowest-tests.py [TestResults/trx/tests.trx] [count]"""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

path = sys.argv[1] if len(sys.argv) > 1 else "TestResults/trx/tests.trx"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 15
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
try:
    root = ET.parse(path).getroot()
except (OSError, ET.ParseError) as error:
    print(f"slowest tests: no results to read ({error})")
    sys.exit(0)

def seconds(text):
    hours, minutes, rest = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)

classes = defaultdict(lambda: [0.0, 0])
for result in root.iterfind(".//t:UnitTestResult", ns):
    name = result.get("testName", "")
    owner = name.split("(")[0].rsplit(".", 1)[0]
    entry = classes[owner]
    entry[0] += seconds(result.get("duration", "0:0:0"))
    entry[1] += 1
total = sum(seconds for seconds, _ in classes.values())
print(f"Slowest test classes (of {total / 60:.1f} test-minutes in {len(classes)} classes):")
for owner, (spent, tests) in sorted(classes.items(), key=lambda item: -item[1][0])[:count]:
    print(f"  {spent:7.1f} s  {tests:4d} tests  {owner.replace('Arc.Portal.Tests.', '')}")
