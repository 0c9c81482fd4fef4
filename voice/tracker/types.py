"""The kinds of things the tracker records, as other packages may name them (no tables here)."""

import enum


class Organisation(enum.Enum):
    COUNCIL = "council"
    NHS = "nhs"
    SCHOOLS = "schools"
    FORUM = "forum"


class ActionStatus(enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DOING = "not_doing"
