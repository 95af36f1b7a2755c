"""Anonymous aggregates of completed assessments: no territory name, no token, only counts
and scores per dimension and country."""

from collections import defaultdict
from dataclasses import dataclass, field

from django_countries import countries

from practices.models import Dimension

from .models import DimensionScore

BINS = 10  # score histogram: 0–9, 10–19, … 90–100
CATEGORIES = ("A", "B", "C", "D")


@dataclass
class Aggregate:
    scores: list = field(default_factory=list)
    categories: dict = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))

    def add(self, score, category):
        self.scores.append(score)
        if category:
            self.categories[category] += 1

    @property
    def count(self):
        return len(self.scores)

    @property
    def mean(self):
        return round(sum(self.scores) / len(self.scores), 1) if self.scores else None

    @property
    def histogram(self):
        counts = [0] * BINS
        for score in self.scores:
            counts[min(score // 10, BINS - 1)] += 1
        return counts


    def bars(self, height=70):
        """Histogram bars for an SVG chart: label, count, x, bar height."""
        counts = self.histogram
        peak = max(counts) or 1
        return [{"label": f"{10 * i}–{10 * i + 9 if i < BINS - 1 else 100}", "count": count,
                 "x": 21 * i, "height": round(height * count / peak)}
                for i, count in enumerate(counts)]


def statistics(country=None):
    """{"dimensions": {slug: Aggregate}, "countries": {code: {slug: Aggregate}},
    "assessments": n} over completed assessments (optionally of one country)."""
    rows = DimensionScore.objects.filter(assessment__completed_at__isnull=False,
                                         score__isnull=False)
    if country:
        rows = rows.filter(assessment__country=country)
    slugs = Dimension.slugs()
    by_dimension = {slug: Aggregate() for slug in slugs}
    by_country = defaultdict(lambda: {slug: Aggregate() for slug in slugs})
    assessments = set()
    for assessment_id, code, dimension, score, category in rows.values_list(
            "assessment_id", "assessment__country", "dimension", "score", "category"):
        assessments.add(assessment_id)
        by_dimension.setdefault(dimension, Aggregate()).add(score, category)
        by_country[code].setdefault(dimension, Aggregate()).add(score, category)
    ordered = {code: by_country[code] for code, _name in countries if code in by_country}
    return {"dimensions": by_dimension, "countries": ordered, "assessments": len(assessments)}


def export_rows(stats):
    """Rows of the CSV export: one per scope (all, then each country) and dimension."""
    header = ["scope", "dimension", "assessments", "mean_score", *[f"category_{c}"
                                                                  for c in CATEGORIES],
              *[f"score_{10 * i}_{10 * i + 9 if i < BINS - 1 else 100}" for i in range(BINS)]]
    yield header
    scopes = [("all", stats["dimensions"]), *stats["countries"].items()]
    for scope, dimensions in scopes:
        for dimension, aggregate in dimensions.items():
            if aggregate.count:
                yield [scope, dimension, aggregate.count, aggregate.mean,
                       *aggregate.categories.values(), *aggregate.histogram]
