# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Repository checks: our tools are pinned (requirements.txt) and locked with
their dependencies (setup/constraints.txt), the virtualenv in use has exactly
those versions, the pre-commit hooks run offline with them, and README shows
the screenshots `make screenshots` takes.

Plain pytest functions: they need neither Odoo's database nor the network.
"""

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import odoo

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "requirements.txt"
CONSTRAINTS = REPO / "setup" / "constraints.txt"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"
README = REPO / "README.md"
# The one range we keep: cbor2==5.4.2 (pinned by Odoo) builds only with it.
RANGES_ALLOWED = {"setuptools": "<70"}


def _requirements(path):
    lines = (
        re.sub(r"\s*#.*", "", line).strip() for line in path.read_text().splitlines()
    )
    return [Requirement(line) for line in lines if line]


def _pins(path):
    """{canonical name: version} of the ``name==version`` lines of ``path``."""
    pins = {}
    for requirement in _requirements(path):
        name = canonicalize_name(requirement.name)
        if name in RANGES_ALLOWED:
            assert str(requirement.specifier) == RANGES_ALLOWED[name], requirement
            continue
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", (
            f"{path.name}: {requirement} is not pinned exactly (name==version)"
        )
        pins[name] = specifiers[0].version
    return pins


def test_our_tools_are_pinned():
    pins = _pins(REQUIREMENTS)
    for tool in (
        "ruff",
        "pylint-odoo",
        "pytest-odoo",
        "whool",
        "websocket-client",
        "hypothesis",
        "pre-commit",
    ):
        assert tool in pins, f"requirements.txt does not pin {tool}"


def test_virtualenv_has_the_pinned_versions():
    pins = {**_pins(CONSTRAINTS), **_pins(REQUIREMENTS)}
    wrong = {
        name: (version, importlib.metadata.version(name))
        for name, version in pins.items()
        if importlib.metadata.version(name) != version
    }
    assert not wrong, (
        f"the virtualenv of {sys.executable} differs from the pins "
        f"(pinned, installed): {wrong}; rebuild it (`make test` does when "
        "requirements.txt or setup/constraints.txt change)"
    )


def test_lock_leaves_odoo_pins_to_odoo():
    """A package Odoo pins (differently per Python version) is never in our
    lock: installing Odoo's requirements under our constraints cannot fail."""
    odoo_requirements = Path(odoo.__file__).resolve().parent.parent / "requirements.txt"
    odoo_names = {
        canonicalize_name(requirement.name)
        for requirement in _requirements(odoo_requirements)
    }
    ours = set(_pins(CONSTRAINTS)) | set(_pins(REQUIREMENTS))
    assert not ours & odoo_names


def test_pre_commit_hooks_are_local_and_run_offline(tmp_path):
    config = yaml.safe_load(PRE_COMMIT_CONFIG.read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    # The checks of `make lint`, through the same script and configuration.
    assert {"ruff", "ruff-format", "pylint-odoo"} <= set(hooks)
    for hook_id in ("ruff", "ruff-format", "pylint-odoo"):
        assert hooks[hook_id]["entry"].startswith("bash setup/lint.sh ")
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert pre_commit, "pre-commit is not installed in the virtualenv"
    if subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"],
        cwd=REPO,
        capture_output=True,
        check=False,
    ).returncode:
        pytest.skip("not a git checkout: pre-commit needs one")
    # A fresh pre-commit home: nothing cached, nothing to download.
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path)}
    for hook_id in ("ruff", "ruff-format"):
        result = subprocess.run(
            [pre_commit, "run", hook_id, "--files", __file__],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Passed" in result.stdout, result.stdout


def test_readme_shows_the_screenshots_make_screenshots_takes():
    spec = importlib.util.spec_from_file_location(
        "rh_screenshots", REPO / "setup" / "screenshots.py"
    )
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    shown = set(re.findall(r"\]\(docs/screenshots/([\w-]+)\.png\)", README.read_text()))
    assert shown == set(screenshots.SHOTS)
    for name in shown:
        assert (REPO / "docs" / "screenshots" / f"{name}.png").is_file(), name
