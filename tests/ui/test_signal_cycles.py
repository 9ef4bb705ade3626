"""PySide6 6.12.0 on Python 3.11 aborts ("Fatal Python error: bool_dealloc") after a few
thousand signal connect/disconnect cycles. pyproject.toml pins 3.11 below 6.12; this is
the regression test, run in a subprocess because the failure kills the interpreter."""

from __future__ import annotations

import os
import subprocess
import sys

CYCLES = 5000

SCRIPT = f"""
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Emitter(QObject):
    fired = Signal(int)

app = QCoreApplication([])
emitter = Emitter()
received = []
for i in range({CYCLES}):
    def slot(value, received=received):
        received.append(value)
    emitter.fired.connect(slot)
    emitter.fired.emit(i)
    ok = emitter.fired.disconnect(slot)
    assert ok is not False
assert received == list(range({CYCLES})), len(received)
print("cycles", len(received))
"""


def test_5000_signal_connect_emit_disconnect_cycles_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"cycles {CYCLES}" in done.stdout
