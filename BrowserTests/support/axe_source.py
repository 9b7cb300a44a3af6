"""axe-core's script, read at test time out of the axe-selenium-python 3.0 wheel (axe-core 4.10).
The wheel is downloaded by run.sh; the script is never copied into the repository."""

import glob
import os
import zipfile

AXE_IN_WHEEL = "axe_selenium_python/node_modules/axe-core/axe.min.js"


def wheel_folder() -> str:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.environ.get("WAYMARK_AXE_WHEEL_DIR") or os.path.join(cache, "waymark-browser-tests")


def axe_script() -> str:
    wheels = sorted(glob.glob(os.path.join(wheel_folder(), "axe_selenium_python-3.*.whl")))
    if not wheels:
        raise RuntimeError(
            f"No axe-selenium-python 3.x wheel in {wheel_folder()}. BrowserTests/run.sh downloads it: "
            "pip download --no-deps --only-binary=:all: --python-version 3.12 axe-selenium-python==3.0.0 -d DIR"
        )
    with zipfile.ZipFile(wheels[-1]) as wheel:
        script = wheel.read(AXE_IN_WHEEL).decode("utf-8")
    if "axe v4." not in script[:200]:
        raise RuntimeError(f"{wheels[-1]} does not carry axe-core 4.x")
    return script
