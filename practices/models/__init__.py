from .pages import (
    HomePage,
    PilotIndexPage,
    PilotIndicator,
    PilotResultPage,
    PilotSession,
    PilotTerritoryPage,
    PracticeIndexPage,
    PracticePage,
    PracticeTag,
    StandardPage,
)
from .taxonomy import Challenge, Dimension

__all__ = [
    "Challenge", "Dimension", "HomePage", "PilotIndexPage", "PilotIndicator", "PilotResultPage",
    "PilotSession", "PilotTerritoryPage", "PracticeIndexPage", "PracticePage", "PracticeTag",
    "StandardPage",
]
