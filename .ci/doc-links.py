#!/usr/bin/python3
"""Every relative link and every repository path the docs name must exist.

Reads README.md and docs/**/*.md (from the repository root, or the folder given) and reports:
- a Markdown link [text](target) whose target is not a file or folder of the repository, or whose
  #anchor is not a heading of the target (GitHub's rule: lower case, punctuation dropped, spaces as -);
- a document named by itself in backticks (`name.md`) that is not in the same folder;
- a path of the repository named in the text or in a code block (appliance/…, webapp/…, packer/…,
  ovf/…, docs/…, .ci/…) that does not exist. Build output (target/, packer/build/) and templates
  (<name>, *, …) are not checked.
Links to other sites are not followed: no network. Prints one line per problem and exits 1 if any.

Usage: .ci/doc-links.py [REPOSITORY]
"""
import os
import re
import sys

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
BARE = re.compile(r"`([a-z0-9_.-]+\.md)`")  # the docs' own names are lower case
PATH = re.compile(r"(?<![\w/.<>-])((?:appliance|webapp|packer|ovf|docs|\.ci)/[\w./@+-]*)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
SKIPPED = ("target/", "packer/build/")


def slug(heading):
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        found, fenced = set(), False
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.lstrip().startswith("```"):
                    fenced = not fenced
                match = None if fenced else HEADING.match(line)
                if match:
                    found.add(slug(match.group(1)))
        cache[path] = found
    return cache[path]


def check(repo, doc):
    problems = []
    here = os.path.dirname(os.path.join(repo, doc))
    with open(os.path.join(repo, doc), encoding="utf-8") as f:
        lines = f.read().splitlines()
    for number, line in enumerate(lines, 1):
        for target in LINK.findall(line):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                continue  # https:, mailto:, file: …: not ours to check, and no network
            name, _, anchor = target.partition("#")
            path = os.path.normpath(os.path.join(here, name)) if name else os.path.join(repo, doc)
            if not os.path.exists(path):
                problems.append("%s:%d: link to %s: no such file" % (doc, number, target))
            elif anchor and path.endswith(".md") and anchor not in anchors(path):
                problems.append("%s:%d: link to %s: no heading #%s there" % (doc, number, target, anchor))
        for named in BARE.findall(line):
            if not os.path.exists(os.path.join(here, named)):
                problems.append("%s:%d: names %s, which is not in its folder (link to it instead)" % (doc, number, named))
        for named in PATH.findall(line):
            named = named.rstrip(".")
            if any(s in named for s in SKIPPED) or "…" in named:
                continue
            if not os.path.exists(os.path.join(repo, named)):
                problems.append("%s:%d: names %s, which does not exist" % (doc, number, named))
    return problems


def main():
    repo = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    docs = ["README.md"] + sorted(
        os.path.relpath(os.path.join(d, f), repo)
        for d, _, files in os.walk(os.path.join(repo, "docs")) for f in files if f.endswith(".md"))
    problems = [p for doc in docs for p in check(repo, doc)]
    for p in problems:
        print(p)
    print("%d documents, %d problems" % (len(docs), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
