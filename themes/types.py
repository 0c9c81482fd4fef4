"""The kinds of things themes records, as other packages may name them (no tables here)."""

import enum


class TagSource(enum.Enum):
    AUTO = "auto"
    HUMAN = "human"


class FlagStatus(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class JobStatus(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
