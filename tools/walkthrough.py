"""The walkthrough: the real app in real X11 windows, driven only by keystrokes and clicks (xdotool),
from first launch to a superbill saved as a PDF. It proves the therapist's day can be done, and counts
what it costs her.

    bash tools/walkthrough.sh --size 1024x600          # starts Xvfb (xvfb-run) itself
    python -m tools.walkthrough --size 1366x768         # on the display in $DISPLAY, of that size

It starts `python -m app --data-dir <a fresh temporary folder>` with QT_QPA_PLATFORM=xcb, under a
window manager (openbox, by default): windows get title bars and are placed as on a laptop, a closed
dialog gives the keyboard back to the window under it, and the frame counts when we check that a
window fits on the screen. `--wm none` runs without one (windows then sit at 0,0 with no frame).

Nothing is set from inside the app: every value is typed, every button pressed with its key or a
click. Each step saves a screenshot (`import -window root`) as <out>/<size>/NN-step.png, checks that
every window of the app lies inside the screen (its frame included), and counts its actions: one
click, one key chord (Tab included), or the typing of one field's text. At the end the PDF is read
back with pdftotext. The count is printed per step, with the steps' notes on where actions could
go; `--strict` makes a count over the budget, or a window off the screen, fail the run.

Steps are plain functions in STEPS, in order; each says what a person does, so that when the app
changes (a shortcut, a pre-filled field) only that step's few lines change. A step whose note starts
with "SHORTEN:" does today what the app should soon do in fewer actions.

Needs (Debian packages): xvfb, xdotool, imagemagick, x11-utils, openbox, poppler-utils.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 45  # actions from first launch to the first issued superbill (issue 11)
WAIT_S = 20.0  # the longest a window may take to appear: generous, for a busy CI machine
TOOLS = ("xdotool", "import", "xwininfo", "xprop", "pdftotext")

# What the therapist types ------------------------------------------------------------------------
# A made-up practice and patient. The NPIs are valid test numbers (their check digit is right).

TODAY = date.today()
PRACTICE = {
    "first": "Maya",
    "last": "Lindqvist",
    "credentials": "LMT",
    "practice": "Tidewater Therapeutic Massage",
    "npi": "1558598797",
    "tax_id": "91-1234567",
    "license": "MA60123456",
    "license_state": "WA",  # typed into a closed list: chooses "WA – Washington"
    "street": "2200 Westlake Ave N",
    "city": "Seattle",
    "zip": "98109",
    "phone": "206-555-0148",
}
FEES = {"97124": "40.00"}  # the one service of this walk; the other fees can wait for Settings
PATIENT = {
    "first": "Dana",
    "last": "Whitfield",
    "dob": "03021990",  # MMDDYYYY, typed into a date field at its month
    "street": "418 Fremont Ave N",
    "city": "Seattle",
    "state": "WA",
    "zip": "98103",
    "phone": "206-555-0190",
}
PAYER = "Cigna Healthcare"
PAYER_START = "Ci"  # typed in the list of common payers
COVERAGE = {"member_id": "RBS500123456", "group": "GRP-77120"}
PRESCRIBER = {"name": "Ruth Alvarez", "credentials": "DO", "npi": "1003000126"}
DIAGNOSES = ("M54.50", "M62.830")
BODY_REGION = "lumbar"
PRESCRIBED = TODAY - timedelta(days=14)
FIRST_VISIT = TODAY - timedelta(days=7)  # a week ago; the second visit is today (the editor's default)
MINUTES = "60"  # 97124, 4 units at $40.00
VISIT_TOTAL = "$160.00"
TOTAL = "$320.00"  # two visits
PAYMENT = "25.00"
BALANCE = "$295.00"


def mmddyyyy(day: date) -> str:
    return f"{day:%m%d%Y}"


# The screen, through X11's own tools -------------------------------------------------------------


class WalkFailed(Exception):
    """The app did not do what the step expected (a window never came, the PDF lacks a value)."""


@dataclass(frozen=True)
class Window:
    id: int
    title: str
    x: int  # the frame's outer edges, on the root window
    y: int
    width: int
    height: int

    def outside(self, screen_width: int, screen_height: int) -> str:
        """How the window leaves the screen ("" when it lies inside), e.g. "bottom by 45 px"."""
        sides = {
            "left": -self.x,
            "top": -self.y,
            "right": self.x + self.width - screen_width,
            "bottom": self.y + self.height - screen_height,
        }
        return ", ".join(f"{side} by {px} px" for side, px in sides.items() if px > 0)

    def __str__(self) -> str:
        return f'"{self.title}" {self.width}x{self.height}+{self.x}+{self.y}'


def run(*command: str, check: bool = True) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise WalkFailed(f"{' '.join(command)}: {done.stderr.strip() or done.returncode}")
    return done.stdout


class Screen:
    """The X display: its windows, the keyboard and mouse (XTEST, through xdotool), its pixels."""

    def __init__(self, window_manager: bool) -> None:
        self.window_manager = window_manager
        width, height = run("xdotool", "getdisplaygeometry").split()
        self.width, self.height = int(width), int(height)

    # Input --------------------------------------------------------------------------------------

    def key(self, chord: str) -> None:
        run("xdotool", "key", "--delay", "40", chord)

    def type(self, text: str) -> None:
        run("xdotool", "type", "--delay", "25", "--", text)

    def click(self, x: int, y: int) -> None:
        run("xdotool", "mousemove", "--sync", str(x), str(y), "click", "1")

    # Windows ------------------------------------------------------------------------------------

    def active_title(self) -> str:
        command = "getactivewindow" if self.window_manager else "getwindowfocus"
        found = subprocess.run(["xdotool", command, "getwindowname"], capture_output=True, text=True)
        return found.stdout.strip() if found.returncode == 0 else ""

    def windows(self, pid: int) -> list[Window]:
        """The app's windows on the screen now, each with its frame (title bar and borders)."""
        if self.window_manager:
            listed = run("xprop", "-root", "_NET_CLIENT_LIST", check=False)
            ids = [int(h, 16) for h in re.findall(r"0x[0-9a-f]+", listed)]
        else:
            listed = run("xdotool", "search", "--onlyvisible", "--pid", str(pid), check=False)
            ids = [int(n) for n in listed.split()]
        found = []
        for window_id in ids:
            info = run("xwininfo", "-id", str(window_id), check=False)
            if "Map State: IsViewable" not in info:
                continue
            numbers = {
                name: int(re.search(rf"{name}:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
                for name in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
            }
            props = run("xprop", "-id", str(window_id), "_NET_FRAME_EXTENTS", "_NET_WM_NAME", check=False)
            frame = re.search(r"_NET_FRAME_EXTENTS\(CARDINAL\) = (\d+), (\d+), (\d+), (\d+)", props)
            left, right, top, bottom = (int(n) for n in frame.groups()) if frame else (0, 0, 0, 0)
            title = re.search(r'_NET_WM_NAME\(UTF8_STRING\) = "(.*)"', props)
            found.append(
                Window(
                    id=window_id,
                    title=_unescape(title.group(1)) if title else "",
                    x=numbers["Absolute upper-left X"] - left,
                    y=numbers["Absolute upper-left Y"] - top,
                    width=numbers["Width"] + left + right,
                    height=numbers["Height"] + top + bottom,
                )
            )
        return found

    def screenshot(self, path: Path) -> None:
        # 256 colours, undithered: the text as sharp, the file a third of the size (docs/ is in git).
        run("import", "-window", "root", "+dither", "-colors", "256", f"PNG8:{path}")


def _unescape(title: str) -> str:
    """xprop prints a UTF-8 title with its non-ASCII bytes as octal escapes: \\342\\200\\224 is "—"."""
    raw = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), title.encode())
    return raw.decode("utf-8", errors="replace").replace('\\"', '"')


# The walk: actions counted, windows awaited ---------------------------------------------------------


@dataclass
class StepRecord:
    number: int
    name: str
    note: str
    actions: list[str] = field(default_factory=list)
    screenshot: str = ""
    windows: list[str] = field(default_factory=list)
    off_screen: list[str] = field(default_factory=list)
    seconds: float = 0.0


class Walk:
    """What the therapist does (keys, typing, clicks: each one counted) and what she waits for."""

    def __init__(self, screen: Screen, app: subprocess.Popen[bytes], out: Path, verbose: bool) -> None:
        self.screen = screen
        self.app = app
        self.out = out
        self.verbose = verbose
        self.records: list[StepRecord] = []
        self.data: dict[str, Path] = {}

    @property
    def step(self) -> StepRecord:
        return self.records[-1]

    # Actions: each call is one action ------------------------------------------------------------

    def key(self, *chords: str) -> None:
        """Press each key chord in turn ("Return", "ctrl+shift+n", "alt+o"): one action each."""
        for chord in chords:
            self._alive()
            self.step.actions.append(f"key {chord}")
            self.screen.key(chord)

    def type(self, text: str) -> None:
        """Type one field's text: one action."""
        self._alive()
        self.step.actions.append(f"type {text!r}")
        self.screen.type(text)

    def fill(self, *texts: str) -> None:
        """Type each text into the field with the cursor, Tab between them ("" only tabs on)."""
        for index, text in enumerate(texts):
            if index:
                self.key("Tab")
            if text:
                self.type(text)

    def click(self, x: int, y: int, what: str) -> None:
        """Click at a point on the screen: one action."""
        self._alive()
        self.step.actions.append(f"click {what}")
        self.screen.click(x, y)

    def click_in(self, title: str, x: int, y: int, what: str) -> None:
        """Click at a point of a window, from its frame's top left (negative: from the right/bottom)."""
        window = self.window(title)
        left = window.x + (x if x >= 0 else window.width + x)
        top = window.y + (y if y >= 0 else window.height + y)
        self.click(left, top, what)

    # Waiting: never counted ---------------------------------------------------------------------

    def wait_active(self, title: str, timeout: float = WAIT_S) -> None:
        """Wait until a window whose title matches (a regular expression) has the keyboard."""
        self._until(
            lambda: re.search(title, self.screen.active_title()) is not None, f'"{title}" active', timeout
        )
        time.sleep(0.15)  # the window manager hands the keyboard over before Qt has its focus widget

    def wait_gone(self, title: str, timeout: float = WAIT_S) -> None:
        """Wait until no window of the app has a title that matches."""
        self._until(lambda: not self._titled(title), f'"{title}" closed', timeout)

    def window(self, title: str) -> Window:
        self._until(lambda: bool(self._titled(title)), f'"{title}" shown', WAIT_S)
        return self._titled(title)[0]

    def settle(self, seconds: float = 0.4) -> None:
        """Let Qt take the keys already sent and paint (before a screenshot, or after a chosen code)."""
        time.sleep(seconds)

    def _titled(self, title: str) -> list[Window]:
        return [w for w in self.screen.windows(self.app.pid) if re.search(title, w.title)]

    def _until(self, condition: Callable[[], bool], what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            self._alive()
            if time.monotonic() > deadline:
                shown = "; ".join(str(w) for w in self.screen.windows(self.app.pid)) or "none"
                active = self.screen.active_title()
                raise WalkFailed(f"waited {timeout:.0f} s for {what}; active: {active!r}; windows: {shown}")
            time.sleep(0.1)

    def _alive(self) -> None:
        if self.app.poll() is not None:
            raise WalkFailed(f"the app ended (exit status {self.app.returncode})")

    # Looking ------------------------------------------------------------------------------------

    def snap(self) -> None:
        """The step's screenshot, and whether each window lies inside the screen (once per step)."""
        if self.step.screenshot:
            return
        self.settle()
        name = f"{self.step.number:02d}-{self.step.name}.png"
        self.screen.screenshot(self.out / name)
        self.step.screenshot = name
        for window in self.screen.windows(self.app.pid):
            self.step.windows.append(str(window))
            outside = window.outside(self.screen.width, self.screen.height)
            if outside:
                self.step.off_screen.append(f"{window}: off the screen at the {outside}")


# The steps ------------------------------------------------------------------------------------------
# Each is what a person does in one window. The screenshot (w.snap()) is taken with the form filled,
# just before the key that saves it; a step that does not call it is shot at its end.

MAIN = r"^Superbill Desk — "  # the main window, "Superbill Desk — <practice>"
WIZARD = "^Set up Superbill Desk"


def first_launch(w: Walk) -> None:
    w.wait_active(WIZARD)
    w.snap()
    w.key("Return")  # Next


def practice_identity(w: Walk) -> None:
    w.wait_active(WIZARD)
    p = PRACTICE
    # first, last, credentials, practice name, NPI; the organization NPI is left empty
    w.fill(p["first"], p["last"], p["credentials"], p["practice"], p["npi"])
    w.key("alt+t")  # Tax ID: the number (its kind, EIN, is already chosen)
    w.type(p["tax_id"])
    w.key("alt+u")  # License number
    w.type(p["license"])
    w.key("alt+s")  # License state: typed, a list of matches opens
    w.type(p["license_state"])
    w.key("Return")  # takes the state the list offers ("WA – Washington")
    w.snap()
    w.key("Return")  # Next


def practice_address(w: Walk) -> None:
    p = PRACTICE
    w.type(p["street"])  # the cursor starts in Street
    w.key("alt+y")  # City (no suite)
    w.type(p["city"])
    w.key("alt+z")  # ZIP code: the state is the license state already
    w.type(p["zip"])
    w.key("alt+p")  # Phone
    w.type(p["phone"])
    w.snap()
    w.key("Return")


def practice_fees(w: Walk) -> None:
    w.fill(*FEES.values())  # 97124: the first fee field
    w.snap()
    w.key("Return")


def practice_signature(w: Walk) -> None:
    w.snap()
    w.key("Return")  # no signature image: superbills get a line to sign by hand


def practice_protection(w: Walk) -> None:
    w.key("alt+s")  # "Skip: keep the records unencrypted"
    w.snap()
    w.key("Return")  # Finish
    w.wait_gone(WIZARD)


def empty_practice(w: Walk) -> None:
    w.wait_active(MAIN)
    w.snap()


def new_patient(w: Walk) -> None:
    w.key("ctrl+shift+n")
    w.wait_active("^New patient")
    p = PATIENT
    w.fill(p["first"], p["last"], p["dob"])  # the date field takes the digits as typed
    w.key("alt+t")  # Street
    w.type(p["street"])
    w.key("alt+c")  # City (no apartment)
    w.type(p["city"])
    w.key("alt+a")  # State
    w.type(p["state"])
    w.key("alt+z")  # ZIP code
    w.type(p["zip"])
    w.key("alt+p")  # Phone
    w.type(p["phone"])
    w.snap()
    w.key("Return")  # Save
    w.wait_active(MAIN)


def new_coverage(w: Walk) -> None:
    """The payer is added from the coverage dialog (New payer…), from its list of common payers."""
    w.key("ctrl+shift+i")  # Add insurance coverage…
    w.wait_active("^New coverage")
    w.key("alt+w")  # New payer…
    w.wait_active("^New payer")
    w.type(PAYER_START)  # the list of common payers finds it as typed
    w.snap()
    w.key("Return")  # saves it, and the coverage has it chosen
    w.wait_active("^New coverage")
    w.type(COVERAGE["member_id"])  # the cursor is in Member ID
    w.key("alt+g")
    w.type(COVERAGE["group"])
    w.key("ctrl+s")
    w.wait_active(MAIN)


def new_prescription(w: Walk) -> None:
    w.key("ctrl+shift+r")  # Add prescription…
    w.wait_active("^New prescription")
    rx = PRESCRIBER
    w.fill(rx["name"], rx["credentials"], rx["npi"], mmddyyyy(PRESCRIBED))  # then Written on
    w.key("alt+s")  # Search diagnosis codes
    for code in DIAGNOSES:
        w.type(code)  # the search is empty again after each code chosen
        w.key("Return")  # chooses the highlighted code
    w.key("alt+b")  # Body areas
    w.type(BODY_REGION)
    w.snap()
    w.key("ctrl+s")
    w.wait_active(MAIN)


def first_visit(w: Walk) -> None:
    """A first visit starts with the prescription's codes, a 97124 line and its body region."""
    w.key("ctrl+n")
    w.wait_active("^New visit")
    w.type(MINUTES)  # the cursor is in the first service's Minutes
    w.key("alt+t")  # Date
    w.type(mmddyyyy(FIRST_VISIT))
    w.snap()
    w.key("ctrl+s")
    w.wait_active(MAIN)


def second_visit(w: Walk) -> None:
    """Repeat last visit: today, as the last one; the cursor is on Save."""
    w.key("ctrl+r")
    w.wait_active("^New visit")
    w.snap()
    w.key("Return")  # Save
    w.wait_active(MAIN)


def payment(w: Walk) -> None:
    w.key("ctrl+shift+y")
    w.wait_active("^Record payment")
    w.type(PAYMENT)  # the balance is offered, selected: typing replaces it; the date is today
    w.snap()
    w.key("Return")  # Save
    w.wait_active(MAIN)


def superbill(w: Walk) -> None:
    """Not yet billed, the default choice, covers both visits (one of them last week)."""
    w.key("ctrl+p")
    w.wait_active("^Superbill")
    w.snap()
    w.key("alt+i")  # Issue superbill
    w.wait_active("^Issue")
    w.key("alt+y")  # Yes: it cannot be changed afterwards


def save_pdf(w: Walk) -> None:
    w.wait_active("^Preview")
    w.snap()  # the issued superbill
    w.key("ctrl+s")  # Save as…
    w.wait_active("^Save the PDF")
    w.key("Return")  # the name offered, in Documents
    w.wait_active("^Preview")


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Walk], None]
    budget: bool = True  # counts toward "first launch to the first issued superbill"

    @property
    def note(self) -> str:
        return (self.run.__doc__ or "").strip()


STEPS = (
    Step("first-launch", first_launch),
    Step("practice-identity", practice_identity),
    Step("practice-address", practice_address),
    Step("practice-fees", practice_fees),
    Step("practice-signature", practice_signature),
    Step("practice-protection", practice_protection),
    Step("empty-practice", empty_practice),
    Step("new-patient", new_patient),
    Step("new-coverage", new_coverage),
    Step("new-prescription", new_prescription),
    Step("first-visit", first_visit),
    Step("second-visit", second_visit),
    Step("payment", payment),
    Step("superbill", superbill),
    Step("save-pdf", save_pdf, budget=False),
)


# Running it -----------------------------------------------------------------------------------------


def check_pdf(home: Path) -> list[str]:
    """What the superbill saved in the home folder lacks of what was typed (empty when it has it all)."""
    saved = sorted(home.rglob("*.pdf"))
    if len(saved) != 1:
        return [f"one PDF saved under the home folder, not {len(saved)}: {[p.name for p in saved]}"]
    text = run("pdftotext", "-layout", str(saved[0]), "-")
    wanted = {
        "the patient's name": f"{PATIENT['first']} {PATIENT['last']}",
        "the NPI": PRACTICE["npi"],
        **{f"the code {code}": code for code in DIAGNOSES},
        "the total": TOTAL,
        "the balance": BALANCE,
    }
    return [f"the PDF lacks {what} ({value})" for what, value in wanted.items() if value not in text]


def start_window_manager(name: str, log: Path) -> subprocess.Popen[bytes] | None:
    """The window manager, once it manages the screen (it names itself on the root window)."""
    if name == "none":
        return None
    for attempt in range(3):  # a just-started Xvfb has been seen to refuse a client once
        with log.open("wb") as output:
            manager = subprocess.Popen([name], stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + WAIT_S
        while manager.poll() is None and time.monotonic() < deadline:
            if "window id" in run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False):
                return manager
            time.sleep(0.1)
        stop(manager)
        time.sleep(0.5 * (attempt + 1))
    said = log.read_text(errors="replace").strip()
    raise WalkFailed(f"the window manager {name} did not start (exit status {manager.poll()}): {said}")


def start_app(folder: Path, log: Path) -> subprocess.Popen[bytes]:
    home = folder / "home"  # the app's settings and Documents: never the user's
    home.mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("QT_SCALE_FACTOR", None)
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "app", "--data-dir", str(folder / "data")],
            cwd=home,  # as from a desktop's launcher: a file dialog may open here
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def walk(
    size: str, out: Path, wm: str, verbose: bool, stop_after: str = ""
) -> tuple[list[StepRecord], list[str]]:
    """Run every step; the records, and what went wrong (empty when the walk got to a right PDF).

    With `stop_after`, the walk ends after that step and leaves the app, its window manager and its
    data folder as they are, to try the next step by hand (`--stop-after`, on a display of your own)."""
    screen = Screen(window_manager=wm != "none")
    if f"{screen.width}x{screen.height}" != size:
        raise WalkFailed(
            f"the display is {screen.width}x{screen.height}, not {size}: run tools/walkthrough.sh"
        )
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9][0-9]-*.png"):
        old.unlink()
    problems: list[str] = []
    keep = False
    with tempfile.TemporaryDirectory(prefix="superbill-walk-") as temporary:
        folder = Path(tempfile.mkdtemp(prefix="superbill-walk-")) if stop_after else Path(temporary)
        manager = start_window_manager(wm, folder / "wm.log")
        app = start_app(folder, folder / "app.log")
        w = Walk(screen, app, out, verbose)
        w.data["folder"] = folder
        try:
            for number, step in enumerate(STEPS, start=1):
                w.records.append(StepRecord(number, step.name, step.note))
                started = time.monotonic()
                step.run(w)
                w.snap()
                w.step.seconds = time.monotonic() - started
                if verbose:
                    n = len(w.step.actions)
                    print(f"{number:02d} {step.name}: {n} {_actions(n)}", flush=True)
                if step.name == stop_after:
                    keep = True
                    problems.append(
                        f"stopped after {step.name} (--stop-after): the app (pid {app.pid}) and the window "
                        f"manager (pid {manager.pid if manager else '-'}) are still running; data in {folder}"
                    )
                    return w.records, problems
            problems += check_pdf(folder / "home")
        except WalkFailed as error:
            where = w.records[-1] if w.records else None
            problems.append(f"step {where.number:02d} {where.name}: {error}" if where else str(error))
            if where is not None and not where.screenshot:
                name = f"{where.number:02d}-{where.name}-failed.png"
                screen.screenshot(out / name)
                where.screenshot = name
        finally:
            if not keep:
                stop(app)
                stop(manager)
                log = (folder / "app.log").read_text(errors="replace").strip()
                if problems and log:
                    problems.append("the app's output:\n" + log[-3000:])
    return w.records, problems


def report(size: str, records: list[StepRecord], budget_steps: set[str]) -> tuple[int, int, list[str]]:
    """Print the steps with their actions; the actions to the first superbill, in all, and off-screen windows."""
    print(f"Walkthrough at {size}: {len(records)} steps")
    counted = total = 0
    off: list[str] = []
    for record in records:
        n = len(record.actions)
        total += n
        if record.name in budget_steps:
            counted += n
        fits = "fits" if not record.off_screen else "OFF SCREEN"
        print(f"  {record.number:02d} {record.name:<20} {n:3d} {_actions(n)}  {fits:<10} {record.screenshot}")
        if record.note:
            print(f"       {record.note}")
        for line in record.off_screen:
            print(f"       ! {line}")
            off.append(f"{record.number:02d} {record.name}: {line}")
    print(f"Actions from first launch to the first issued superbill: {counted} (budget {BUDGET})")
    print(f"Actions in all (saving the PDF too): {total}: {kinds(records)}")
    return counted, total, off


def _actions(n: int) -> str:
    return "action" if n == 1 else "actions"


def kinds(records: list[StepRecord]) -> str:
    """The actions by kind: "62 fields typed, 58 key chords (31 of them Tab), 0 clicks"."""
    actions = [a for r in records for a in r.actions]
    typed = sum(a.startswith("type ") for a in actions)
    keys = sum(a.startswith("key ") for a in actions)
    tabs = actions.count("key Tab")
    clicks = sum(a.startswith("click ") for a in actions)
    return f"{typed} fields typed, {keys} key chords ({tabs} of them Tab), {clicks} clicks"


def write_summary(out: Path, size: str, records: list[StepRecord], counted: int, total: int) -> None:
    """<out>/steps.md: each step, its screenshot, its actions and its windows, to read beside the pictures."""
    lines = [
        f"# Walkthrough at {size}",
        "",
        "Made by `bash tools/walkthrough.sh --size " + size + "` (tools/walkthrough.py).",
        f"Actions from first launch to the first issued superbill: {counted} (budget {BUDGET}); in all: {total}",
        f"({kinds(records)}).",
        "",
        "Each screenshot is taken with the window's fields filled in, before the key that saves or moves on",
        "(the last action listed). A window is off the screen when its frame (title bar included) leaves it.",
        "",
    ]
    for r in records:
        lines += [f"## {r.number:02d} {r.name}: {len(r.actions)} {_actions(len(r.actions))}", ""]
        if r.note:
            lines += [r.note, ""]
        if r.screenshot:
            lines += [f"![{r.name}]({r.screenshot})", ""]
        lines += [f"- {a}" for a in r.actions]
        lines += [f"- window {w}" for w in r.windows]
        lines += [f"- **off the screen**: {o}" for o in r.off_screen]
        lines.append("")
    (out / "steps.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.walkthrough", description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="1024x600", help="the screen, WIDTHxHEIGHT (default 1024x600)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "walkthrough", help="screenshots go in OUT/SIZE/"
    )
    parser.add_argument(
        "--wm", default="openbox", help="the window manager to start, or none (default openbox)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail when over the budget or a window is off the screen"
    )
    parser.add_argument(
        "--stop-after",
        default="",
        metavar="STEP",
        help="leave the app open after this step (to try the next one by hand)",
    )
    parser.add_argument("--verbose", action="store_true", help="print each step as it ends")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d+x\d+", args.size):
        parser.error(f"--size {args.size}: give the screen as WIDTHxHEIGHT, such as 1024x600")
    missing = [
        tool for tool in (*TOOLS, *([] if args.wm == "none" else [args.wm])) if shutil.which(tool) is None
    ]
    if missing:
        print(
            f"walkthrough: not installed: {', '.join(missing)} (bash tools/install-test-deps.sh)",
            file=sys.stderr,
        )
        return 2
    if not os.environ.get("DISPLAY"):
        print("walkthrough: no DISPLAY: run bash tools/walkthrough.sh, which starts Xvfb", file=sys.stderr)
        return 2

    out = args.out / args.size
    try:
        records, problems = walk(args.size, out, args.wm, args.verbose, args.stop_after)
    except WalkFailed as error:
        print(f"walkthrough: {error}", file=sys.stderr)
        return 1
    counted, total, off = report(args.size, records, {s.name for s in STEPS if s.budget})
    write_summary(out, args.size, records, counted, total)
    print(f"Screenshots in {out}")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"The superbill PDF names the patient, the NPI, {' and '.join(DIAGNOSES)} and the total {TOTAL}.")
    if args.strict and (counted > BUDGET or off):
        print(
            f"walkthrough --strict: {counted} actions (budget {BUDGET}), {len(off)} off-screen windows",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
