"""The README's terminal sessions are real: every command of the CLI appears in them, and every example
that shows its output prints exactly that output on the shipped data.

An example is a ``$ kg ...`` line inside a fenced ``` block; its output is the lines after it, up to the
next ``$ `` line or the end of the block (trailing whitespace and trailing blank lines dropped). Each
example is its own test, named by its README line. Examples that cannot run here (servers, shell
pipes, files outside the repository) are left out by the rules in ``skip_reason``, each with its reason;
an example shown without output is run too, and must succeed and print something.
"""
import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from conftest import kg_bin
from kg.cli.commands import cli

README = Path(__file__).resolve().parent.parent / "README.md"
SHELL_OPERATORS = set("|&;<>()")  # a token made of these is a pipe, redirection or list: needs a shell


class Example:
    def __init__(self, lineno, line, output, after_config):
        self.lineno = lineno
        self.line = line  # the text after "$ "
        self.output = output  # shown output lines, trailing whitespace stripped, trailing blanks dropped
        self.after_config = after_config  # a `$ cat .../.config/...` came earlier in the same block
        lex = shlex.shlex(line, posix=True, punctuation_chars=True)
        lex.whitespace_split = True  # `--format`, `@kg/library/x.rq`, `/entity/ag:x` stay one token
        self.argv = list(lex)  # `# comments` are dropped

    @property
    def command(self):
        """The kg subcommand (``who-leads``), or None when the line does not run kg."""
        if self.argv[:1] != ["kg"]:
            return None
        return next((t for t in self.argv[1:] if not t.startswith("-")), None)

    @property
    def id(self):
        return f"L{self.lineno} " + re.sub(r"\s{2,}#.*$", "", self.line)  # without the README's `  # comment`


def examples(text=None):
    """Every ``$ `` line of the README's fenced blocks, with the output shown after it."""
    text = README.read_text(encoding="utf-8") if text is None else text
    found, current, in_block, after_config = [], None, False, False
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.lstrip().startswith("```"):
            in_block, current, after_config = not in_block, None, False
            continue
        if not in_block:
            continue
        if line.startswith("$ "):
            current = Example(lineno, line[2:], [], after_config)
            found.append(current)
            if current.argv[:1] == ["cat"] and any("/.config/" in t for t in current.argv):
                after_config = True
        elif current is not None:
            current.output.append(line)
    for ex in found:
        while ex.output and not ex.output[-1]:
            ex.output.pop()
    return found


def skip_reason(ex):
    """Why an example is not run here, or None to run it and compare its output."""
    if ex.argv[:1] != ["kg"]:
        # `$ curl ...` asks a running `kg serve`; `$ cat ~/.config/kg/config.toml` shows a user's file.
        return f"not a kg command ({ex.argv[0]}): it needs a running server or a user's own files"
    if ex.after_config:
        # The config file shown above the example points kg at a remote SPARQL server (Virtuoso).
        return "runs against the SPARQL server set in the config file shown above it"
    if any(t and set(t) <= SHELL_OPERATORS for t in ex.argv):
        # `| tail -3`, `> page.html`: the test runs kg itself, not a shell.
        return "uses a shell pipe or redirection"
    if ex.command == "push" or any(t == "--endpoint" or t.startswith("--endpoint=") for t in ex.argv):
        return "needs a remote SPARQL server (push, --endpoint)"
    if ex.command == "serve" and "--get" not in ex.argv:
        # `kg serve --get PATH` answers one request in-process and exits: that one is run.
        return "kg serve without --get runs until stopped"
    if any("../shared" in t for t in ex.argv):
        # The articles live beside the repository, not in it: absent from a fresh clone and from CI.
        return "reads ../shared, which is outside the repository"
    if "--open" in ex.argv:
        return "opens a browser window"
    return None


ALL = examples()
RUN = [ex for ex in ALL if skip_reason(ex) is None]


def test_readme_has_examples():
    assert len(ALL) > 20 and len(RUN) >= 15
    assert len([ex for ex in RUN if ex.output]) >= 8  # compared line by line


def test_what_is_not_run_is_what_needs_a_server_a_shell_or_the_articles():
    left = {ex.id: skip_reason(ex) for ex in ALL if skip_reason(ex)}
    assert all(any(w in reason for w in ("server", "shell", "../shared", "browser", "user's own files", "until stopped"))
               for reason in left.values()), left


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name):
    shown = {ex.command for ex in ALL}
    assert name in shown, f"`kg {name}` has no example in a fenced block of README.md: add one with its real output"


@pytest.mark.parametrize("ex", RUN, ids=[ex.id for ex in RUN])
def test_readme_example(ex, tmp_path):
    # The shipped data only: no user config, endpoint or extra data reaches the example.
    env = {k: v for k, v in os.environ.items()
           if not re.match(r"KG_(ENDPOINT|STORE_ENDPOINT|DATA|CONFIG)", k)}
    env.update(KG_CONFIG=str(tmp_path / "no-config.toml"), PYTHONIOENCODING="utf-8")
    # `@kg/library/x.rq` names a file of the repository: such an example runs from its top
    cwd = README.parent if any(t.startswith(("@", "tests/")) for t in ex.argv) else tmp_path  # files of the checkout
    r = subprocess.run([kg_bin(), *ex.argv[1:]], capture_output=True, text=True, encoding="utf-8",
                       cwd=cwd, env=env, timeout=120)
    if not ex.output:  # shown without its output: it must still succeed and answer
        assert r.returncode == 0 and (r.stdout.strip() or any(t in ("-o", "--output") for t in ex.argv)), r.stderr
        return
    if ex.output[0].startswith("Error:"):
        # An example that shows an error shows what the terminal shows: the message kg writes to
        # standard error, with exit status 1.
        assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
        got = r.stdout + r.stderr
    else:
        assert r.returncode == 0, r.stderr
        got = r.stdout
    lines = [line.rstrip() for line in got.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    assert lines == ex.output, f"README.md line {ex.lineno}: `{ex.line}` prints something else; update the README"
