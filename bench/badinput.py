"""The bad-input corpus: odd, broken and hostile files made on the spot, and what finsam must do.

Each case writes its files into a folder of its own, so one batch over the corpus gives each
case's outputs under `OUT/<case>/`. `make test` runs the fast cases (tests/test_badinput.py);
`make bench` runs them all and prints each case's time and peak memory.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SWEDISH = ("Helårsrapport för Samverkansteamet 2023.\nAntal deltagare totalt var 27. Av dessa var "
           "12 kvinnor och 15 män.\nFörsäkringskassan och Arbetsförmedlingen deltar i insatsen.\n")
LINES = ["Helårsrapport för Samverkansteamet", "Antal deltagare totalt var 27.",
         "Av dessa var 12 kvinnor och 15 män.", "Försäkringskassan och Arbetsförmedlingen"]


@dataclass(frozen=True)
class Case:
    """One kind of bad input: how to make it, and what finsam must make of it."""

    name: str
    build: Callable[[Path], None]
    expect: str  # ok, partial, failed, any (any status but no crash), none (not a document)
    reason: str = ""  # words the failure reason, page error or a warning must hold
    outputs: int = 1  # outputs the case must give (files that are not documents give none)
    slow: bool = False
    unprivileged: bool = False  # shows only when file permissions bind (not root with CAP_DAC)
    encoding: str | None = None  # for text files: the encoding the output must record
    known_bug: str = ""  # a crash inside extractors/ that is another change's to fix


# --- builders -------------------------------------------------------------------------------


def _write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def build(d: Path) -> None:
        (d / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return build


def _fpdf(lines: list[str], pages: int = 1, size: tuple[float, float] | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=size or "A4")
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    for i in range(pages):
        pdf.add_page()
        for ln in [f"Sida {i + 1}", *lines]:
            pdf.cell(0, 16, ln, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _raw_pdf(pages: list[tuple[str, bytes]]) -> bytes:
    """A hand-made PDF: each page a MediaBox and a content stream (already encoded)."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for box, content in pages:
        page_no, content_no = len(objs) + 1, len(objs) + 2
        kids.append(f"{page_no} 0 R")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Contents {content_no} 0 R >>"
                    .encode())
        objs.append(content)
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, flate: bool = False) -> bytes:
    if flate:
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _flate_bomb(size: int) -> bytes:
    """`size` bytes of spaces, deflated to about a thousandth of that."""
    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [z.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + z.flush()


def _image(path: Path, size: tuple[int, int] = (900, 220), mode: str = "L", fmt: str = "PNG",
           text: bool = True, **save: Any) -> None:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", size, 255)
    if text:
        draw = ImageDraw.Draw(img)
        font = ImageFont.truetype(FONT, 28)
        for i, ln in enumerate(LINES[:3]):
            draw.text((20, 20 + 44 * i), ln, fill=0, font=font)
    img.convert(mode).save(path, fmt, **save)


def _img(name: str, **kw: Any) -> Callable[[Path], None]:
    return lambda d: _image(d / name, **kw)


def _pdf(name: str, data: Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda d: (d / name).write_bytes(data())


def _pdf_no_tounicode() -> bytes:
    import re

    return re.sub(rb"/ToUnicode \d+ 0 R", b"", _fpdf(LINES))


def _pdf_encrypted(user: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    pdf.add_page()
    for ln in LINES:
        pdf.cell(0, 8, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.set_encryption(owner_password="owner", user_password=user)
    return bytes(pdf.output())


def _pdf_image_bomb() -> bytes:
    """An A4 page showing one 30000×30000 grey image: 900 MB once decoded, 1 MB in the file."""
    side = 30000
    image = _flate_bomb(side * side)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /XObject << /Im0 5 0 R >> >> >>",
            _stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (side, side, len(image))
            + image + b"\nendstream"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _same_names(d: Path) -> None:
    for year, n in (("2019", 12), ("2020", 14)):
        (d / year).mkdir()
        (d / year / "plan.txt").write_text(SWEDISH.replace("27", str(n)), "utf-8")


def _txt_and_pdf(d: Path) -> None:
    (d / "x.txt").write_text(SWEDISH, "utf-8")
    (d / "x.pdf").write_bytes(_fpdf(LINES))


def _odd_names(d: Path) -> None:
    for raw in (b"S\xe4ter.txt", b"tab\there.txt", b"-=HYPERLINK(1).txt", b"x~1.txt"):
        (d / os.fsdecode(raw)).write_text(SWEDISH, "utf-8")


def _fifo(d: Path) -> None:
    os.mkfifo(d / "pipe.txt")


def _link(name: str, target: str) -> Callable[[Path], None]:
    return lambda d: os.symlink(target, d / name)


def _dir_loop(d: Path) -> None:
    (d / "a").mkdir()
    (d / "a" / "doc.txt").write_text(SWEDISH, "utf-8")
    os.symlink("..", d / "a" / "up")


def _unreadable_file(d: Path) -> None:
    (d / "secret.txt").write_text(SWEDISH, "utf-8")
    os.chmod(d / "secret.txt", 0)


def _unreadable_dir(d: Path) -> None:
    (d / "locked").mkdir()
    (d / "locked" / "doc.txt").write_text(SWEDISH, "utf-8")
    os.chmod(d / "locked", 0)


def _hardlink(d: Path) -> None:
    (d / "a.txt").write_text(SWEDISH, "utf-8")
    os.link(d / "a.txt", d / "b.txt")


def _folder_named_txt(d: Path) -> None:
    (d / "folder.txt").mkdir()
    (d / "folder.txt" / "inner.txt").write_text(SWEDISH, "utf-8")


def _not_documents(d: Path) -> None:
    (d / ".hidden.txt").write_text(SWEDISH, "utf-8")
    (d / "notes.docx").write_bytes(b"PK\x03\x04")


def _tiff_frames(d: Path, n: int = 40) -> None:
    from PIL import Image

    frames = [Image.new("L", (600, 200), 255) for _ in range(n)]
    frames[0].save(d / "frames.tif", save_all=True, append_images=frames[1:])


def _truncated_png(d: Path) -> None:
    _image(d / "full.tmp")
    data = (d / "full.tmp").read_bytes()
    (d / "full.tmp").unlink()
    (d / "cut.png").write_bytes(data[: len(data) // 2])


def _png_bomb(side: int) -> Callable[[Path], None]:
    def build(d: Path) -> None:
        from PIL import Image

        Image.new("1", (side, side), 1).save(d / f"bomb{side}.png")
    return build


def _pdf_truncated() -> bytes:
    data = _fpdf(LINES, pages=3)
    return data[: len(data) // 3]


# --- the cases ----------------------------------------------------------------------------

TEXT = SWEDISH
CASES: tuple[Case, ...] = (
    Case("empty", _write("empty.txt", b""), "failed", "empty file"),
    Case("whitespace", _write("blank.txt", " \n\t\n  \n"), "failed", "white space"),
    Case("formfeeds", _write("ff.txt", "\f\f\f\n"), "failed", "white space"),
    Case("binary_junk", _write("junk.txt", bytes(range(256)) * 64), "failed", "binary"),
    Case("nul_bytes", _write("nul.txt", b"abc\x00\x01\x02\x03def" * 100), "failed", "binary"),
    Case("latin1", _write("latin1.txt", TEXT.encode("latin-1")), "ok", encoding="cp1252"),
    Case("cp1252", _write("cp1252.txt", ("”Citat” – " + TEXT + "Kostnad 5 000 €\n").encode("cp1252")),
         "ok", encoding="cp1252"),
    Case("utf16_bom", _write("u16.txt", TEXT.encode("utf-16")), "ok", encoding="utf-16"),
    Case("utf16be_bom", _write("u16be.txt", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")), "ok",
         encoding="utf-16"),
    Case("utf16le_no_bom", _write("u16le.txt", TEXT.encode("utf-16-le")), "ok", encoding="utf-16-le"),
    Case("utf8_bom", _write("u8bom.txt", codecs.BOM_UTF8 + TEXT.encode()), "ok", encoding="utf-8"),
    Case("cp850_dos", _write("dos.txt", TEXT.encode("cp850")), "ok", encoding="cp850"),
    Case("mac_roman", _write("mac.txt", TEXT.encode("mac-roman")), "ok", encoding="mac-roman"),
    Case("utf8_bad_bytes", _write("mixed.txt", TEXT.encode() + b"Trasig \xe4 byte.\n" + TEXT.encode()),
         "ok", "replaced", encoding="utf-8"),
    Case("crlf_and_cr", _write("crlf.txt", TEXT.replace("\n", "\r\n") + TEXT.replace("\n", "\r")), "ok"),
    Case("many_pages", _write("pages.txt", "\f".join([TEXT] * 3000)), "ok"),
    Case("name_not_utf8", _odd_names, "ok", outputs=4),
    Case("name_240_bytes", _write("å" * 120 + ".txt", TEXT), "ok"),
    Case("same_name_two_folders", _same_names, "ok", outputs=2),
    Case("txt_and_pdf_same_stem", _txt_and_pdf, "ok", outputs=2),
    Case("folder_named_txt", _folder_named_txt, "ok"),
    Case("hard_link_twice", _hardlink, "ok"),
    Case("amount_400_digits", _write("huge.txt", "Budget\nPersonal\t" + "9" * 400 + " kr\n" + TEXT), "ok"),
    Case("budget_ragged_columns", _write("ragged.txt", "Utfall 2023 Budget 2024\nPersonal 100 200 300\n"
                                                     "Summa 5 6\n"), "any",
         known_bug="extractors/budget.py: zip() argument 2 is shorter than argument 1"),
    Case("pdf_named_txt", _pdf("really_pdf.txt", lambda: _fpdf(LINES)), "ok"),
    Case("pdf_ok", _pdf("ok.pdf", lambda: _fpdf(LINES, pages=2)), "ok"),
    Case("pdf_encrypted", _pdf("locked.pdf", lambda: _pdf_encrypted("hemligt")), "failed", "encrypted"),
    Case("pdf_owner_password_only", _pdf("owner.pdf", lambda: _pdf_encrypted("")), "ok"),
    Case("pdf_truncated", _pdf("cut.pdf", _pdf_truncated), "any"),
    Case("pdf_zero_pages", _pdf("zero.pdf", lambda: _raw_pdf([])), "failed", "zero pages"),
    Case("pdf_header_only", _write("header.pdf", b"%PDF-1.4\n"), "failed", "corrupt"),
    Case("pdf_not_a_pdf", _write("fake.pdf", b"hello, I am not a pdf"), "failed", "not a PDF"),
    Case("pdf_junk_before_header", _pdf("junk_first.pdf", lambda: b"J" * 2000 + _fpdf(LINES)), "ok",
         "pdfium"),
    Case("pdf_page_count_disagrees", _pdf("count.pdf", lambda: _fpdf(LINES, 3).replace(
        b"/Count 3", b"/Count 5")), "partial", "antalet sidor"),
    Case("pdf_pages_tree_broken", _pdf("tree.pdf", lambda: _fpdf(LINES, 2).replace(
        b"/Type /Pages", b"/Type /Pagex")), "ok", "pdfplumber"),
    Case("pdf_zero_area_page", _pdf("flat.pdf", lambda: _raw_pdf([("0 0 0 0", _stream(b""))])),
         "ok", "ingen text"),  # pdfium gives such a page a default size: a blank page
    Case("pdf_huge_page_with_text", _pdf("poster.pdf", lambda: _fpdf(LINES * 3, size=(14400, 14400))),
         "ok"),
    Case("pdf_rotated", _pdf("turned.pdf", lambda: _fpdf(LINES).replace(b"/Type /Page\n",
                                                                        b"/Type /Page\n/Rotate 90\n")),
         "ok"),
    Case("png_bomb_19999", _png_bomb(19999), "failed", "too large"),
    Case("png_truncated", _truncated_png, "failed", "unreadable image"),
    Case("gif_named_png", _write("anim.png", b"GIF89a" + b"\x00" * 64), "failed", "not an image"),
    Case("jpeg_named_png", _img("photo.png", fmt="JPEG"), "ok"),
    Case("png_16_bit", _img("deep.png", mode="I;16"), "any"),
    Case("png_blank", _img("blank.png", text=False), "ok", "ingen text"),
    Case("fifo", _fifo, "failed", "FIFO"),
    Case("device_link", _link("zero.txt", "/dev/zero"), "failed", "not a regular file"),
    Case("symlink_loop", _link("loop.txt", "loop.txt"), "failed", "loop"),
    Case("broken_symlink", _link("gone.txt", "missing/nowhere.txt"), "failed", "broken symbolic link"),
    Case("folder_symlink_loop", _dir_loop, "ok"),
    Case("unreadable_file", _unreadable_file, "failed", "permission denied", unprivileged=True),
    Case("unreadable_folder", _unreadable_dir, "none", "Permission denied", outputs=0, unprivileged=True),
    Case("hidden_and_other_types", _not_documents, "none", outputs=0),
    # slow: make bench
    Case("digits_40k", _write("digits.txt", "Antal deltagare totalt var " + "7" * 40_000 + ".\n" + TEXT),
         "any", slow=True),
    Case("digits_1m", _write("digits1m.txt", "Summa " + "7" * 1_000_000 + "\n"), "any", slow=True),
    Case("line_2mb", _write("line.txt", ("Antal deltagare var 12 och " * 80_000) + "\n"), "any", slow=True),
    Case("pdf_huge_blank_page", _pdf("wall.pdf", lambda: _raw_pdf([("0 0 14400 14400", _stream(b""))])),
         "ok", "dpi", slow=True),
    Case("pdf_cid_text_layer", _pdf("cid.pdf", _pdf_no_tounicode), "ok", "cid", slow=True),
    Case("pdf_flate_bomb", _pdf("bomb.pdf", lambda: _raw_pdf(
        [("0 0 595 842", _stream(_flate_bomb(1 << 30), flate=True))])), "any", slow=True),
    Case("pdf_image_bomb", _pdf("imgbomb.pdf", _pdf_image_bomb), "any", slow=True),
    Case("pdf_800_pages", _pdf("long.pdf", lambda: _fpdf(LINES, pages=800)), "ok", slow=True),
    Case("tiff_40_frames", _tiff_frames, "any", slow=True),
)


# --- running it ------------------------------------------------------------------------------


def privileged() -> bool:
    """Whether file permissions do not bind this process (root with CAP_DAC_OVERRIDE)."""
    return os.geteuid() == 0


def build(root: Path, slow: bool) -> list[Case]:
    """Make every case (the fast ones, or all) in its own folder under `root`."""
    cases = [c for c in CASES if slow or not c.slow]
    for c in cases:
        (root / c.name).mkdir(parents=True)
        c.build(root / c.name)
    return cases


@dataclass
class CaseResult:
    """What one case gave: statuses and messages of its outputs, time and memory."""

    case: Case
    statuses: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    encodings: list[str | None] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: float = 0.0

    def problems(self) -> list[str]:
        """How this case broke its contract (empty when it held)."""
        c, out = self.case, []
        if len(self.statuses) != c.outputs:
            out.append(f"{len(self.statuses)} outputs, expected {c.outputs}")
        if c.expect not in ("any", "none") and any(s != c.expect for s in self.statuses):
            out.append(f"status {self.statuses}, expected {c.expect}")
        said = " | ".join(self.messages + self.skipped)
        if c.reason and c.reason.lower() not in said.lower():
            out.append(f"no '{c.reason}' in: {said[:300]}")
        if "internal error" in said and not c.known_bug:
            out.append(f"internal error: {said[:300]}")
        if c.encoding and any(e != c.encoding for e in self.encodings):
            out.append(f"encoding {self.encodings}, expected {c.encoding}")
        return out


@dataclass
class CorpusRun:
    """One `finsam extract` over a built corpus."""

    exit_code: int
    stderr: str
    seconds: float
    results: dict[str, CaseResult]
    record: dict[str, Any]


def _command(root: Path, out: Path, args: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(root), "--out", str(out), "--quiet",
           *args]
    if privileged() and shutil.which("setpriv"):  # let file permissions bind, as for a user
        cmd = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *cmd]
    return cmd


def run(root: Path, out: Path, cases: list[Case], args: list[str], timeout: float = 3600) -> CorpusRun:
    """Extract the corpus in a subprocess, then sort outputs and the run record by case."""
    t0 = time.perf_counter()
    proc = subprocess.run(_command(root, out, args), capture_output=True, text=True,
                          timeout=timeout, check=False)
    seconds = time.perf_counter() - t0
    records = sorted((out / "runs").glob("*.json"))
    record = json.loads(records[-1].read_text("utf-8")) if records else {}
    docs = {d["name"]: d for d in record.get("documents", [])}
    results = {c.name: CaseResult(c) for c in cases}
    for p in sorted(out.rglob("*.json")):
        rel = p.relative_to(out)
        if rel.parts[0] not in results:
            continue
        data = json.loads(p.read_text("utf-8"))
        r = results[rel.parts[0]]
        r.statuses.append(data["status"])
        if r.case.encoding:
            r.encodings.append(data.get("encoding"))
        r.messages += [e["message"] for e in data["errors"] + data.get("warnings", [])]
        r.messages += [pg["error"] for pg in data["pages"] if pg.get("error")]
        doc = docs.get(rel.with_suffix("").as_posix(), {})
        r.seconds += doc.get("seconds") or 0.0
        r.peak_mb = max(r.peak_mb, doc.get("peak_mb") or 0.0)
    for s in record.get("skipped", []):
        for name, r in results.items():
            if f"/{name}/" in s["path"] + "/":
                r.skipped.append(s["reason"])
    return CorpusRun(proc.returncode, proc.stderr, seconds, results, record)


def bench_bad_input(tmp: Path) -> bool:
    """Build every case, run one batch over them all, print a line per case; True when all held."""
    root, out = tmp / "badinput", tmp / "badinput-out"
    cases = build(root, slow=True)
    limits = ["--jobs", "2", "--doc-timeout", "120", "--max-memory", "2048"]
    r = run(root, out, cases, limits)
    skip_perm = privileged() and not shutil.which("setpriv")
    print(f"{len(cases)} cases, one batch ({' '.join(limits)}): exit {r.exit_code}, "
          f"{r.seconds:.0f} s; run aborted: {'yes' if r.exit_code not in (0, 1, 4) else 'no'}; "
          f"tracebacks on stderr: {r.stderr.count('Traceback')}")
    print(f"{'case':<28}{'outputs':>8}  {'status':<16}{'s':>7}{'peak MB':>9}  result")
    broken = bugs = 0
    for name, cr in r.results.items():
        if skip_perm and cr.case.unprivileged:
            print(f"{name:<28}{'':>8}  {'(root: skipped)':<16}")
            continue
        problems = cr.problems()
        broken += bool(problems)
        bugs += any("internal error" in m for m in cr.messages)
        status = ",".join(sorted(set(cr.statuses))) or "-"
        said = (cr.messages + cr.skipped + [""])[0]
        note = "; ".join(problems) or ("held" + (f" (known bug: {cr.case.known_bug})"
                                                 if cr.case.known_bug and "internal error"
                                                 in " ".join(cr.messages) else "")
                                       + (f": {said[:90]}" if said else ""))
        print(f"{name:<28}{len(cr.statuses):>8}  {status:<16}{cr.seconds:>7.1f}{cr.peak_mb:>9.0f}  {note}")
    inputs = sum(c.outputs for c in cases)
    outputs = sum(len(cr.statuses) for cr in r.results.values())
    print(f"cases that broke their contract: {broken}; documents failed by a bug in finsam: {bugs}; "
          f"outputs {outputs} for {inputs} inputs; run internal errors: "
          f"{int(r.exit_code == 5)}")
    return broken == 0 and r.exit_code in (0, 1)
