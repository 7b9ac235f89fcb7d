# Copyright 2026 Relationship Care Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Repository checks: every add-on builds a pip-installable wheel with whool,
and the metapackage installs all of them.

Plain pytest functions: they build from the files of the repository and need
neither Odoo nor a database.
"""

import ast
import importlib.util
import os
import subprocess
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: tomli, a dependency of whool
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
METAPACKAGE = REPO / "setup" / "_metapackage" / "pyproject.toml"
ADDONS = sorted(path.parent.name for path in REPO.glob("*/__manifest__.py"))
# What whool (manifestoo-core) requires for an Odoo 18.0 add-on and for each
# add-on it depends on; Odoo's own add-ons come with the `odoo` distribution.
ODOO_REQUIREMENT = "odoo==18.0.*"
ADDON_REQUIREMENT = "odoo-addon-{}==18.0.*"


def _manifest(addon):
    return ast.literal_eval((REPO / addon / "__manifest__.py").read_text())


def _git(*args):
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
        ).returncode
    except FileNotFoundError:
        return None


def _check_buildable_from_git(addon):
    """whool packages only the files git tracks and reads the add-on's version
    history from git: say so plainly instead of failing deep inside pip."""
    if _git("rev-parse", "--is-inside-work-tree") != 0:
        return  # not a git checkout: whool packages every file as it is
    if _git("rev-parse", "--verify", "--quiet", "HEAD") != 0:
        pytest.fail(
            "the repository has no commit yet: whool reads each add-on's version "
            "history from git and cannot build before the first commit"
        )
    if _git("ls-files", "--error-unmatch", f"{addon}/__manifest__.py") != 0:
        pytest.fail(
            f"{addon} is not tracked by git and whool packages only tracked "
            f"files: `git add {addon}` first"
        )


def _build_wheel(addon, wheel_dir):
    if importlib.util.find_spec("whool") is None:
        pytest.fail(
            "whool, the build backend of our add-ons (see their pyproject.toml), "
            f"is not installed for {sys.executable}: "
            "`pip install -r requirements.txt`"
        )
    _check_buildable_from_git(addon)
    # Without build isolation pip uses the installed whool: no network needed.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "--quiet",
            "--wheel-dir",
            str(wheel_dir),
            str(REPO / addon),
        ],
        capture_output=True,
        text=True,
        check=False,
        # Build constraints (set while provisioning Odoo's requirements) do not
        # combine with --no-build-isolation: build with a clean pip setup.
        env={
            key: value
            for key, value in os.environ.items()
            if key not in ("PIP_CONSTRAINT", "PIP_BUILD_CONSTRAINT")
        },
    )
    assert result.returncode == 0, (
        f"pip could not build the wheel of {addon}:\n{result.stdout}{result.stderr}"
    )
    wheels = list(wheel_dir.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_builds_a_wheel(addon, tmp_path):
    manifest = _manifest(addon)
    wheel = _build_wheel(addon, tmp_path)

    assert wheel.name.startswith(f"odoo_addon_{addon}-{manifest['version']}")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = HeaderParser().parsestr(archive.read(metadata_name).decode())

    assert metadata["Name"] == f"odoo-addon-{addon}"
    assert metadata["Version"].startswith(manifest["version"])
    requires = metadata.get_all("Requires-Dist")
    ours = [dep for dep in manifest["depends"] if dep in ADDONS]
    assert sorted(requires) == sorted(
        [ODOO_REQUIREMENT] + [ADDON_REQUIREMENT.format(dep) for dep in ours]
    )
    if addon != "relationship_health":
        assert ADDON_REQUIREMENT.format("relationship_health") in requires
    # The add-on is installed as odoo.addons.<addon>, with every file it loads.
    shipped = {
        "__manifest__.py",
        "static/description/icon.png",
        *manifest.get("data", []),
        *manifest.get("demo", []),
    }
    missing = sorted(f for f in shipped if f"odoo/addons/{addon}/{f}" not in names)
    assert not missing, (
        f"files of {addon} missing from its wheel (whool ships only the files "
        f"git tracks): {missing}"
    )


def test_metapackage_lists_every_addon():
    project = tomllib.loads(METAPACKAGE.read_text())["project"]
    requirements = [Requirement(dep) for dep in project["dependencies"]]

    assert project["name"] == "odoo-addons-relationship-care"
    assert sorted(req.name for req in requirements) == [
        f"odoo-addon-{addon}" for addon in ADDONS
    ]
    assert set(ADDONS) == {
        "relationship_health",
        "customer_farewell",
        "key_account_diamond",
    }
    for req in requirements:
        assert req.specifier.contains("18.0.1.0.0"), req
        assert not req.specifier.contains("19.0.1.0.0"), req
