"""Copies knowledge/ into the wheel so a normal (non-editable) install answers from it.

The knowledge lives at the repository root, where support staff edit it; the package only
needs a read-only copy, so the build step places one at guidebot/bundled/.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithKnowledge(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "knowledge"
        target = Path(self.build_lib) / "guidebot" / "bundled"
        if source.is_dir() and not self.dry_run:
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)


setup(cmdclass={"build_py": BuildWithKnowledge})
