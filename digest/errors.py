"""Domain exceptions. ``digest`` raises these; the CLI phrases them for users."""


class BantinError(Exception):
    """Base class: a problem the user can fix; the CLI prints it on one line."""


class ConfigError(BantinError):
    pass


class SourcesError(BantinError):
    """A malformed sources file; the message names the file, the entry and the key."""


class UnknownSource(BantinError):
    pass


class BulletinNotFound(BantinError):
    pass


class BulletinAlreadyPublished(BantinError):
    pass


class BulletinNotPublished(BantinError):
    pass


class InvalidInput(BantinError):
    pass


class EditConflict(BantinError):
    """A change made from a stale view: someone changed the story (or the order) since."""
