from .events import EventDocument, EventIndexPage, EventKind, EventPage
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
    PracticeUpdate,
    StandardPage,
)
from .site import FooterLogo
from .taxonomy import Challenge, Dimension, FundingSource
from .territories import TerritoryIndexPage, TerritoryKind, TerritoryPage
from .toolbox import (
    JourneyStep,
    Licence,
    ResourceDocument,
    ResourceKind,
    ResourcePage,
    ToolboxPage,
)
from .transfers import Stage, Transfer, TransferIndicator, TransferLink, TransferStatus

__all__ = [
    "EventDocument", "EventIndexPage", "EventKind", "EventPage", "JourneyStep", "Licence",
    "ResourceDocument", "ResourceKind", "ResourcePage", "ToolboxPage",
    "Challenge", "Dimension", "FooterLogo", "FundingSource", "HomePage", "PilotIndexPage",
    "PilotIndicator", "PilotResultPage", "PilotSession", "PilotTerritoryPage", "PracticeIndexPage",
    "PracticePage", "PracticeTag", "PracticeUpdate", "Stage", "StandardPage",
    "TerritoryIndexPage", "TerritoryKind", "TerritoryPage", "Transfer", "TransferIndicator",
    "TransferLink", "TransferStatus",
]
