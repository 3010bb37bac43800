"""The pull-request and deploy workflows, the PR template and the pre-commit hook: valid, and every
command they run exists with the options they pass."""

from __future__ import annotations

import re
import shlex
import tomllib

import pytest
import yaml

from casebook.cli import main
from casefixtures import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def run_steps():
    for path in WORKFLOWS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            for step in job["steps"]:
                if "run" in step:
                    yield path.name, step["run"]


def test_workflows_are_valid_and_run_on_pull_requests_and_main():
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "deploy.yml"}
    triggers = {p.name: yaml.safe_load(p.read_text(encoding="utf-8"))[True] for p in WORKFLOWS}  # YAML 1.1: on → True
    assert "pull_request" in triggers["pull-request.yml"]
    assert triggers["deploy.yml"]["push"]["branches"] == ["main"]


@pytest.mark.parametrize("name,command", list(run_steps()))
def test_every_command_a_workflow_runs_exists(name, command, capsys):
    words = shlex.split(command)
    if words[:4] == ["python", "-m", "pip", "install"]:
        assert words[4] == "-e" and re.fullmatch(r"\.(\[[a-z,]+\])?", words[5]), command
        extras = words[5][2:-1].split(",") if "[" in words[5] else []
        declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
        assert set(extras) <= set(declared), command
        return
    assert words[0] == "casebook", command
    assert main([*words[1:], "--help"]) == 0, command  # argparse accepts the options, then --help stops it
    assert "usage" in capsys.readouterr().out
    assert main([*words[1:], "--no-such-option"]) == 2  # and the check above can fail


def test_pull_requests_also_build_with_properdocs():
    data = yaml.safe_load((REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    steps = [s for s in data["jobs"]["check"]["steps"] if s.get("env", {}).get("CASEBOOK_ENGINE") == "properdocs"]
    assert steps and steps[0]["run"].startswith("casebook build")


def test_validate_step_annotates_pull_requests():
    assert any("validate --format github" in cmd for _, cmd in run_steps())


def test_pre_commit_hook_validates_changed_case_files():
    hook = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    assert hook["entry"] == ".venv/bin/casebook validate" and hook["language"] == "system"
    assert hook["files"] == r"^cases/.*\.md$"


def test_pull_request_template_has_a_chinese_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5 and "casebook validate" in text and "来源" in text
