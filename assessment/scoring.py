"""Self-assessment scoring: plain functions, no database (first part of the self-assessment
issue; the app's models, views and questions come next).

Each dimension has 4 questions answered on a five-level scale (1 = not started … 5 = fully
in place) or "I don't know" (None). A dimension's score is the mean of its known answers
mapped to 0–100 ((level − 1) / 4 × 100), rounded; unknown answers are left out rather than
counted as zero, and the share of known answers is reported as coverage. With no known
answer the dimension has no score and no category. Categories come from thresholds:
A ≥ 75, B ≥ 50, C ≥ 25, else D (configurable).
"""

import math
import textwrap
from dataclasses import dataclass
from html import escape

LEVELS = range(1, 6)
DEFAULT_THRESHOLDS = (("A", 75), ("B", 50), ("C", 25))


@dataclass(frozen=True)
class DimensionResult:
    score: int | None  # 0–100, None when every answer is "I don't know"
    category: str | None
    coverage: float  # share of questions answered with a level


def dimension_score(levels):
    """Score 0–100 of one dimension's answers (levels 1–5 or None), None if all unknown."""
    known = [level for level in levels if level is not None]
    for level in known:
        if level not in LEVELS:
            raise ValueError(f"level must be 1–5 or None, got {level!r}")
    if not known:
        return None
    mean = sum((level - 1) / 4 * 100 for level in known) / len(known)
    return int(math.floor(mean + 0.5))  # half up, not banker's rounding


def category(score, thresholds=DEFAULT_THRESHOLDS):
    if score is None:
        return None
    for name, minimum in thresholds:
        if score >= minimum:
            return name
    return "D"


def assess(answers, thresholds=DEFAULT_THRESHOLDS):
    """{dimension: [levels]} -> {dimension: DimensionResult}, in the given order."""
    results = {}
    for dimension, levels in answers.items():
        levels = list(levels)
        score = dimension_score(levels)
        known = sum(level is not None for level in levels)
        results[dimension] = DimensionResult(score, category(score, thresholds),
                                             known / len(levels) if levels else 0.0)
    return results


def weakest(results, n=2):
    """The n lowest-scoring dimensions with a score (ties: the given order)."""
    scored = [(r.score, position, d) for position, (d, r) in enumerate(results.items())
              if r.score is not None]
    return [d for _score, _position, d in sorted(scored)[:n]]


def differences(before, after):
    """{dimension: after − before} where both have a score."""
    return {d: after[d].score - before[d].score for d in after
            if d in before and after[d].score is not None and before[d].score is not None}


LABEL_CHARS = 15  # characters per line of a radar label (13 px text: about 115 px)
LINE_HEIGHT = 15


def radar_points(scores, radius=100.0, centre=(150.0, 150.0)):
    """(x, y) per dimension, clockwise from the top; a missing score sits at the centre."""
    count = len(scores)
    points = []
    for index, score in enumerate(scores):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = radius * (score or 0) / 100
        points.append((round(centre[0] + distance * math.cos(angle), 2),
                       round(centre[1] + distance * math.sin(angle), 2)))
    return points


def radar_svg(labels, scores, previous=None, title="", size=300):
    """A self-contained SVG radar (readable without JavaScript, printable). `previous` draws
    an earlier assessment underneath for comparison."""
    centre, radius = (size / 2, size / 2), size / 2 - 50
    def polygon(values):
        return _points(radar_points(values, radius, centre))

    rings = "".join(f'<polygon class="ring" points="{polygon([p] * len(labels))}" '
                    'fill="none" stroke="#c8d0d6"/>' for p in (25, 50, 75, 100))
    axes, names = [], []
    for (x, y), label in zip(radar_points([100] * len(labels), radius, centre), labels,
                             strict=True):
        axes.append(f'<line x1="{centre[0]}" y1="{centre[1]}" x2="{x}" y2="{y}" '
                    'stroke="#c8d0d6"/>')
        lx, ly = centre[0] + (x - centre[0]) * 1.18, centre[1] + (y - centre[1]) * 1.18
        anchor = "middle" if abs(lx - centre[0]) < 5 else ("start" if lx > centre[0] else "end")
        # Long names ("Qualità della vita intelligente") wrap instead of leaving the picture;
        # a label above the chart grows upwards, one beside it is centred on its axis.
        lines = textwrap.wrap(label, LABEL_CHARS) or [""]
        if anchor != "middle":
            ly -= (len(lines) - 1) * LINE_HEIGHT / 2
        elif ly < centre[1]:
            ly -= (len(lines) - 1) * LINE_HEIGHT
        spans = "".join(f'<tspan x="{lx:.1f}" dy="{0 if i == 0 else LINE_HEIGHT}">'
                        f"{escape(line)}</tspan>" for i, line in enumerate(lines))
        names.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" '
                     f'font-size="13">{spans}</text>')
    shapes = ""
    if previous is not None:
        shapes += (f'<polygon class="previous" points="{polygon(previous)}"'
                   ' fill="none" stroke="#8a6d00" stroke-dasharray="4 3" stroke-width="2"/>')
    shapes += (f'<polygon class="current" points="{polygon(scores)}"'
               ' fill="#1d5c4d" fill-opacity="0.25" stroke="#1d5c4d" stroke-width="2"/>')
    margin, top = 125, 25  # room for the labels beside, above and below the chart
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-margin} {-top} '
            f'{size + 2 * margin} {size + 2 * top}" width="{size + 2 * margin}" '
            f'height="{size + 2 * top}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>{rings}{''.join(axes)}{shapes}{''.join(names)}</svg>")


def _points(points):
    return " ".join(f"{x},{y}" for x, y in points)
