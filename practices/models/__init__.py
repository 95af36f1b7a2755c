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
from .site import FooterLogo
from .taxonomy import Challenge, Dimension

__all__ = [
    "Challenge", "Dimension", "FooterLogo", "HomePage", "PilotIndexPage", "PilotIndicator",
    "PilotResultPage", "PilotSession", "PilotTerritoryPage", "PracticeIndexPage", "PracticePage",
    "PracticeTag", "StandardPage",
]
