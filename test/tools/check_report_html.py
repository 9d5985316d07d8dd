#!/usr/bin/python3
"""Checks OUT/report.html: well-formed XHTML (so no unescaped model text), and lists the
ids of its SVG plots.

usage: check_report_html.py REPORT.html
"""
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}svg"

tree = ET.parse(sys.argv[1])
ids = [svg.get("id") for svg in tree.iter(SVG)]
print("plots:", " ".join(ids))
print("title:", tree.find("{http://www.w3.org/1999/xhtml}head/{http://www.w3.org/1999/xhtml}title").text)
