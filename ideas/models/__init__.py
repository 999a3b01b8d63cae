from .ideas import Attachment, Idea, IdeaTag
from .portfolio import PortfolioBudget
from .records import Comment, Follow, Notification, Score, Transition

__all__ = [
    "Attachment",
    "Comment",
    "Follow",
    "Idea",
    "IdeaTag",
    "Notification",
    "PortfolioBudget",
    "Score",
    "Transition",
]
