"""Printing a page to PDF in Chromium and measuring where its words fall on the paper, with
poppler's pdftotext, so "fills the page" and "as large as the title" are numbers, not a look."""

import base64
import re
import subprocess
from dataclasses import dataclass

PAPER = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int
    width: float
    height: float
    words: list

    def vertical_share(self) -> float:
        """How much of the paper's height lies between the first line and the last."""
        if not self.words:
            return 0.0
        return (max(w.y_max for w in self.words) - min(w.y_min for w in self.words)) / self.height

    def ink_share(self) -> tuple:
        """How much of the paper's width and height the printed marks (the frame) span, from the
        page drawn in grey at 30 dots per inch."""
        pgm = subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", "-"], input=self.pdf,
                             capture_output=True, check=True).stdout
        header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
        if not header:
            return (0.0, 0.0)
        width, height = int(header.group(1)), int(header.group(2))
        pixels = pgm[header.end():]
        rows = [y for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 128]
        columns = [x for x in range(width) if min(pixels[x::width][:height]) < 128]
        if not rows or not columns:
            return (0.0, 0.0)
        return ((columns[-1] - columns[0] + 1) / width, (rows[-1] - rows[0] + 1) / height)

    def word(self, text: str) -> Word:
        for word in self.words:
            if word.text == text:
                return word
        raise AssertionError(f"'{text}' is not on the printed page: {' '.join(w.text for w in self.words)[:300]}")


def print_to_pdf(browser, paper: str) -> Printed:
    width, height = PAPER[paper]
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": width, "paperHeight": height, "printBackground": True})["data"])
    boxes = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', boxes)
    words = [Word(text, float(a), float(b), float(c), float(d)) for a, b, c, d, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', boxes)]
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    return Printed(pdf, pages, float(page.group(1)) if page else 0.0, float(page.group(2)) if page else 0.0, words)
