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
from .taxonomy import Challenge, Dimension, FundingSource
from .territories import TerritoryIndexPage, TerritoryKind, TerritoryPage

__all__ = [
    "Challenge", "Dimension", "FooterLogo", "FundingSource", "HomePage", "PilotIndexPage",
    "PilotIndicator", "PilotResultPage", "PilotSession", "PilotTerritoryPage", "PracticeIndexPage",
    "PracticePage", "PracticeTag", "StandardPage", "TerritoryIndexPage", "TerritoryKind",
    "TerritoryPage",
]
