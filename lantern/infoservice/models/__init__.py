"""The models of `infoservice`, one module per part."""

from .ask import CannedAnswer, KnowledgeEntry, Message, Question
from .briefs import Brief
from .hub import Bulletin, InfoSettings, Publishable, Topic
from .literacy import Guide, QuizAttempt, QuizChoice, QuizQuestion
from .rumours import Doubt, Evidence, RumourCheck

__all__ = [
    "Brief",
    "Bulletin",
    "CannedAnswer",
    "Doubt",
    "Evidence",
    "Guide",
    "InfoSettings",
    "KnowledgeEntry",
    "Message",
    "Publishable",
    "Question",
    "QuizAttempt",
    "QuizChoice",
    "QuizQuestion",
    "RumourCheck",
    "Topic",
]
