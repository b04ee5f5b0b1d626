"""scripts/bin/wasm-opt, the stand-in that keeps wasm-opt's last output:
run against a pretend wasm-opt that counts its runs, it must give the
optimizer's output every time, and run the optimizer again whenever the
input, the arguments or the optimizer change."""
import os
import pathlib
import subprocess
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
STAND_IN = ROOT / "scripts" / "bin" / "wasm-opt"

PRETEND = """#!/usr/bin/env bash
if [ "$1" = --version ]; then echo "wasm-opt version $(cat "$VERSION_FILE")"; exit 0; fi
echo run >>"$RUNS_FILE"
out=
for arg in "$@"; do case $arg in --output=*) out=${arg#--output=} ;; -*) ;; *) input=$arg ;; esac; done
{ printf 'optimized with %s: ' "$*"; cat "$input"; } >"$out"
"""


class StandIn(unittest.TestCase):
    def setUp(self):
        self.dir = pathlib.Path(tempfile.mkdtemp())
        real = self.dir / "real-wasm-opt"
        real.write_text(PRETEND)
        real.chmod(0o755)
        (self.dir / "version").write_text("132")
        self.env = dict(os.environ, WELLPRESS_WASM_OPT=str(real),
                        WELLPRESS_WASM_OPT_CACHE=str(self.dir / "cache"),
                        RUNS_FILE=str(self.dir / "runs"), VERSION_FILE=str(self.dir / "version"))
        self.input = self.dir / "app_bg.wasm"
        self.output = self.dir / "out" / "app_bg.wasm"
        self.output.parent.mkdir()

    def tearDown(self):
        subprocess.run(["rm", "-rf", str(self.dir)], check=True)

    def optimize(self, wasm: bytes, level: str = "-Oz") -> bytes:
        self.input.write_bytes(wasm)
        self.output.unlink(missing_ok=True)
        subprocess.run([str(STAND_IN), f"--output={self.output}", level, str(self.input),
                        "--enable-bulk-memory"], env=self.env, check=True)
        return self.output.read_bytes()

    def runs(self) -> int:
        path = self.dir / "runs"
        return len(path.read_text().splitlines()) if path.exists() else 0

    def test_the_same_input_is_optimized_once(self):
        first = self.optimize(b"app one")
        second = self.optimize(b"app one")
        self.assertEqual(first, second)
        self.assertIn(b"app one", first)
        self.assertEqual(self.runs(), 1)

    def test_a_changed_app_is_optimized_again(self):
        self.optimize(b"app one")
        changed = self.optimize(b"app two")
        self.assertTrue(changed.endswith(b"app two"), changed)
        self.assertEqual(self.runs(), 2)

    def test_other_arguments_or_another_optimizer_run_it_again(self):
        self.optimize(b"app one", "-Oz")
        self.assertIn(b"-O3", self.optimize(b"app one", "-O3"))
        (self.dir / "version").write_text("133")
        self.optimize(b"app one", "-O3")
        self.assertEqual(self.runs(), 3)

    def test_a_failing_optimizer_fails_the_build_and_keeps_nothing(self):
        self.env["WELLPRESS_WASM_OPT"] = "/bin/false"
        self.input.write_bytes(b"app one")
        done = subprocess.run([str(STAND_IN), f"--output={self.output}", "-Oz", str(self.input)], env=self.env)
        self.assertNotEqual(done.returncode, 0)
        self.assertFalse(any((self.dir / "cache").glob("*.wasm")))

    def test_its_version_is_the_real_ones(self):
        done = subprocess.run([str(STAND_IN), "--version"], env=self.env, check=True,
                              capture_output=True, text=True)
        self.assertEqual(done.stdout.strip(), "wasm-opt version 132")


if __name__ == "__main__":
    unittest.main(verbosity=2)
